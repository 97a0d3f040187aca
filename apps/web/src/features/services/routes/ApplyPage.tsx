import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, focusField } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { allQueries, type QueryLike } from '../../../components/QueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { Tx, UserText } from '../../../components/UserText';
import { DocumentIcon } from '../../../components/icons';
import type { PaymentView, PublicService, RequestDraft, RequestPrefill, ServiceDocument, SubmitRequest } from '../../../lib/contracts';
import { fieldProblemsOf } from '../../../lib/fieldErrors';
import { createSubmissionKeys } from '../../../lib/idempotency';
import {
  ApplyDocuments,
  DraftStatus,
  documentInputId,
  draftQuery,
  myRequestsQuery,
  prefillQuery,
  requestQuery,
  serviceDocumentsQuery,
  submitRequest,
  useDraftAutosave,
  type DocumentUploads,
} from '../../requests';
import { forgetPayment, isUsable, PAY_BUTTON_ID, PaymentStep, paymentQuery, rememberedPayment } from '../../payments';
import { serviceQuery } from '../api';
import { DeskUnavailableNotice } from '../components/DeskAvailability';
import { NO_POSTAL, PostalChoice, hasPostalAddress, postalBody, type PostalState } from '../components/PostalChoice';
import { profileQuery } from '../../identity';
import { ApiError } from '../../../lib/api';
import { DeskForm, type FormData } from '../form/DeskForm';
import { SubmitButton } from '../../../components/SubmitButton';
import { useFormat } from '../../../lib/format';

/** Form properties the desk already knows (once-only: the profile, earlier requests of the service). */
const knownAnswers = (prefill: RequestPrefill | undefined): Record<string, unknown> =>
  Object.fromEntries((prefill?.fields ?? []).map((f) => [f.field, f.value]));

/** A query whose failure fails nothing: the page works without it (the prefill, the saved draft). */
function settled<T>(q: { isPending: boolean; data: T | undefined }): QueryLike<T | undefined> {
  return { isPending: q.isPending, isError: false, error: null, data: q.data, refetch: () => undefined };
}

/**
 * `/me/services/$serviceId/apply`: the service's own form, then the receipt; for a service that takes
 * no requests (its card expired, or it is not requested online), why, and no form.
 */
export function ApplyPage() {
  const { t } = useTranslation();
  const { serviceId = '' } = useParams({ strict: false });
  const service = useQuery(serviceQuery(serviceId));
  const documents = useQuery(serviceDocumentsQuery(serviceId));
  // The prefill and the saved draft only fill answers in: the form works without them.
  const prefill = useQuery({ ...prefillQuery(serviceId), retry: false });
  const draft = useQuery({ ...draftQuery(serviceId), retry: false });
  // Back from the payment gateway: the payment it sent the browser back with (a fee's pay step).
  const { payment: fromGateway } = useSearch({ strict: false });
  const paymentId = useMemo(() => rememberedPayment(serviceId, fromGateway), [serviceId, fromGateway]);
  const payment = useQuery({ ...paymentQuery(paymentId ?? ''), enabled: paymentId !== undefined, retry: false });

  return (
    <PageQueryStates
      query={allQueries(service, documents, settled(prefill), settled(draft))}
      icon={<DocumentIcon />}
      loadingTitle={t('apply.loadingTitle')}
      failedTitle={t('apply.errorTitle')}
      back={
        <Link to="/" className="button button--secondary">
          {t('services.backToCatalogue')}
        </Link>
      }
    >
      {([s, docs, p, d]) =>
        // A service whose card has expired or is not requested online takes no request: say why, offer no form.
        s.availability !== 'open' ? (
          <div className="stack-lg">
            <PageHeader
              kicker={t('desk.apply.kicker')}
              title={s.title}
              lead={<UserText>{s.agencyName}</UserText>}
              icon={<DocumentIcon />}
            />
            <DeskUnavailableNotice service={s} />
            <p>
              <Link to="/" hash="services" className="button button--secondary">
                {t('services.backToCatalogue')}
              </Link>
            </p>
          </div>
        ) : (
          <ApplyForm service={s} documents={docs.items} prefill={p} draft={d ?? null} payment={payment.data} />
        )
      }
    </PageQueryStates>
  );
}

function ApplyForm({
  service,
  documents,
  prefill,
  draft,
  payment,
}: {
  service: PublicService;
  documents: readonly ServiceDocument[];
  prefill: RequestPrefill | undefined;
  draft: RequestDraft | null;
  payment: PaymentView | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const format = useFormat();
  const properties = (service.formSchema.properties ?? {}) as Record<string, { title?: string }>;
  const fieldNames = useMemo(() => Object.keys(properties), [properties]);
  // A saved draft (from any device) wins over what the desk knows.
  const [formData, setFormData] = useState<FormData>(() => ({
    ...Object.fromEntries(Object.entries(knownAnswers(prefill)).filter(([name]) => fieldNames.includes(name))),
    ...(draft?.form ?? {}),
  }));
  const [uploads, setUploads] = useState<DocumentUploads>(() => Object.fromEntries((draft?.documents ?? []).map((d) => [d.document, d])));
  const autosave = useDraftAutosave(service.id, draft, formData, uploads);
  const prefilled = (prefill?.fields ?? []).filter((f) => !draft || !(f.field in draft.form));
  const missingDocuments = new Set(documents.filter((d) => d.mandatory && !uploads[d.index]).map((d) => d.index));
  // Set by the first submit, valid or not: from then on each missing document is told at it. The
  // form's own problems come first: the summary lists missing documents once the form passed.
  const [attempted, setAttempted] = useState(false);
  const [formPassed, setFormPassed] = useState(false);
  const keys = useRef(createSubmissionKeys()).current;
  // A fixed fee is paid before submitting (ADR 0037): the submission names the paid payment.
  const fee = service.fee.kind === 'fixed' ? service.fee.amountRials : null;
  const paid = fee !== null && payment && isUsable(payment) && payment.serviceId === service.id ? payment : undefined;
  const [payFirst, setPayFirst] = useState(false);
  // The answer by post, where the published version offers it (to the profile's address, or one given).
  const [postal, setPostal] = useState<PostalState>(NO_POSTAL);
  const profile = useQuery({ ...profileQuery, retry: false, enabled: service.postalDelivery });

  const submit = useMutation({
    mutationFn: ({ body, key }: { body: SubmitRequest; key: string }) => submitRequest(body, key),
    onSuccess: async (view) => {
      keys.reset();
      if (view.payment) forgetPayment(service.id);
      // The submission deleted the draft on the server.
      queryClient.setQueryData(draftQuery(service.id).queryKey, null);
      queryClient.setQueryData(requestQuery(view.id).queryKey, view);
      void queryClient.invalidateQueries({ queryKey: myRequestsQuery.queryKey });
      await navigate({ to: '/me/requests/$requestId', params: { requestId: view.id }, search: { submitted: true } });
    },
    onError: (error) => {
      const first = fieldProblemsOf(error).find((p) => p.field.startsWith('body.form.') || p.field.startsWith('body.postal.'));
      if (first?.field.startsWith('body.postal.')) focusField(`apply-postal-${first.field.split('.')[2] ?? ''}`);
      else if (first) focusField(`f-${first.field.slice('body.form.'.length).split('.').join('-')}`);
      // No address anywhere: the fields to give one are opened, and the first is focused.
      if (error instanceof ApiError && error.code === 'POSTAL_ADDRESS_MISSING') {
        setPostal((p) => ({ ...p, to: 'given' }));
        setTimeout(() => focusField('apply-postal-postalCode'), 0);
      }
    },
  });

  const problems = fieldProblemsOf(submit.error);
  const serverErrors = problems.filter((p) => p.field.startsWith('body.form.'));
  const otherErrors = problems.filter((p) => !p.field.startsWith('body.form.') && !p.field.startsWith('body.postal.')).map((p) => p.message);
  // A refusal of the postal choice is told at its fields (PostalChoice), not above the form.
  const postalRefused = submit.error instanceof ApiError && submit.error.code === 'POSTAL_ADDRESS_MISSING';
  const generalError = submit.isError && problems.length === 0 && !postalRefused ? submit.error : null;
  const missingSummary = formPassed
    ? documents
        .filter((d) => missingDocuments.has(d.index))
        .map((d) => ({ field: documentInputId(d.index), label: d.title, message: t('uploads.missing', { title: d.title }) }))
    : [];

  const onSubmit = (form: FormData) => {
    setAttempted(true);
    setFormPassed(true);
    if (submit.isPending) return;
    const [firstMissing] = missingDocuments;
    if (firstMissing !== undefined) {
      focusField(documentInputId(firstMissing));
      return;
    }
    if (fee !== null && !paid) {
      setPayFirst(true);
      focusField(PAY_BUTTON_ID);
      return;
    }
    const answers = Object.entries(uploads).map(([document, u]) => ({ document: Number(document), uploadId: u.id }));
    const byPost = service.postalDelivery ? postalBody(postal, hasPostalAddress(profile.data)) : undefined;
    const body: SubmitRequest = { serviceId: service.id, form, documents: answers, ...(paid ? { paymentId: paid.id } : {}), ...(byPost ? { postal: byPost } : {}) };
    submit.mutate({ body, key: keys.keyFor(body) });
  };

  return (
    <div className="stack-lg">
      <PageHeader
        kicker={t('desk.apply.kicker')}
        title={service.title}
        lead={<Tx k="apply.lead" values={{ agency: service.agencyName, n: service.normDays }} />}
        icon={<DocumentIcon />}
      />
      {draft ? (
        <Notice tone={draft.formChanged ? 'warning' : 'info'} title={t('uploads.draft.resumed', { time: format.dateTime(draft.updatedAt) })}>
          {draft.formChanged ? <p>{t('uploads.draft.changed')}</p> : null}
          {draft.droppedFields.length > 0 ? <p>{t('uploads.draft.dropped', { fields: draft.droppedFields.join('، ') })}</p> : null}
        </Notice>
      ) : null}
      {prefilled.length > 0 ? (
        <Notice tone="info" title={t('uploads.prefill.note', { fields: prefilled.map((f) => properties[f.field]?.title ?? f.field).join('، ') })} />
      ) : null}
      <section className="card stack" aria-labelledby="apply-form-title">
        <h2 id="apply-form-title" className="card__title">
          {t('apply.formTitle')}
        </h2>
        <p className="text-muted">{t('apply.formLead')}</p>
        <ErrorSummary id="apply-errors" errors={missingSummary} other={otherErrors} />
        {generalError ? <ErrorNotice error={generalError} title={t('apply.failed')} /> : null}
        {fieldNames.length === 0 ? <p>{t('apply.noFields')}</p> : null}
        <DeskForm
          schema={service.formSchema}
          uiSchema={service.uiSchema}
          formData={formData}
          onChange={setFormData}
          onSubmit={onSubmit}
          onInvalid={() => {
            setAttempted(true);
            setFormPassed(false);
          }}
          serverErrors={serverErrors}
        >
          {service.postalDelivery ? <PostalChoice value={postal} onChange={setPostal} error={submit.error} /> : null}
          <DraftStatus state={autosave.state} onOverwrite={autosave.overwrite} onReload={() => window.location.reload()} />
          <div className="form-actions">
            <SubmitButton pending={submit.isPending}>
              {submit.isPending ? t('apply.submitting') : t('apply.submit')}
            </SubmitButton>
            <Link to="/services/$serviceId" params={{ serviceId: service.id }} className="button button--ghost">
              {t('common.cancel')}
            </Link>
          </div>
        </DeskForm>
      </section>
      <ApplyDocuments serviceId={service.id} documents={documents} value={uploads} onChange={setUploads} missing={attempted ? missingDocuments : new Set()} />
      {fee !== null ? <PaymentStep serviceId={service.id} amountRials={fee} payment={payment?.serviceId === service.id ? payment : undefined} beforeLeave={autosave.flush} payFirst={payFirst && !paid} /> : null}
    </div>
  );
}
