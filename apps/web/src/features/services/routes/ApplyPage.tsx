import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, focusField } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { allQueries, type QueryLike } from '../../../components/QueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { Tx, UserText } from '../../../components/UserText';
import { DocumentIcon } from '../../../components/icons';
import type { CitizenProfile, PublicService } from '../../../lib/contracts';
import { fieldProblemsOf } from '../../../lib/fieldErrors';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { profileQuery } from '../../identity';
import { myRequestsQuery, requestQuery, submitRequest } from '../../requests';
import { serviceQuery } from '../api';
import { DeskUnavailableNotice } from '../components/DeskAvailability';
import { DeskForm, type FormData } from '../form/DeskForm';
import { SubmitButton } from '../../../components/SubmitButton';

/** Form properties filled in from the citizen's profile (entered once, reused by every service). */
function knownAnswers(profile: CitizenProfile | undefined): Record<string, unknown> {
  if (!profile) return {};
  const known: Record<string, unknown> = {};
  const put = (names: string[], value: string | null) => {
    if (value) for (const name of names) known[name] = value;
  };
  put(['name', 'fullName', 'applicantName'], profile.name);
  put(['postalCode'], profile.postalCode);
  put(['address'], profile.address);
  put(['mobile', 'phone'], profile.mobile);
  put(['nationalCode'], profile.nationalCode);
  return known;
}

/**
 * `/me/services/$serviceId/apply`: the service's own form, then the receipt; for a service that takes
 * no requests (its card expired, or it is not requested online), why, and no form.
 */
export function ApplyPage() {
  const { t } = useTranslation();
  const { serviceId = '' } = useParams({ strict: false });
  const service = useQuery(serviceQuery(serviceId));
  // The profile only pre-fills answers: the form works without it.
  const profile = useQuery({ ...profileQuery, retry: false });

  // The page waits for the profile, but a profile that failed to load fails nothing.
  const profileSettled: QueryLike<CitizenProfile | undefined> = {
    isPending: profile.isPending,
    isError: false,
    error: null,
    data: profile.data,
    refetch: () => undefined,
  };

  return (
    <PageQueryStates
      query={allQueries(service, profileSettled)}
      icon={<DocumentIcon />}
      loadingTitle={t('apply.loadingTitle')}
      failedTitle={t('apply.errorTitle')}
      back={
        <Link to="/" className="button button--secondary">
          {t('services.backToCatalogue')}
        </Link>
      }
    >
      {([s, p]) =>
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
          <ApplyForm service={s} profile={p} />
        )
      }
    </PageQueryStates>
  );
}

function ApplyForm({ service, profile }: { service: PublicService; profile: CitizenProfile | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fieldNames = useMemo(() => Object.keys((service.formSchema.properties as object | undefined) ?? {}), [service.formSchema]);
  const [formData, setFormData] = useState<FormData>(() =>
    Object.fromEntries(Object.entries(knownAnswers(profile)).filter(([name]) => fieldNames.includes(name))),
  );
  const keys = useRef(createSubmissionKeys()).current;

  const submit = useMutation({
    mutationFn: ({ body, key }: { body: { serviceId: string; form: Record<string, unknown> }; key: string }) =>
      submitRequest(body, key),
    onSuccess: async (view) => {
      keys.reset();
      queryClient.setQueryData(requestQuery(view.id).queryKey, view);
      void queryClient.invalidateQueries({ queryKey: myRequestsQuery.queryKey });
      await navigate({ to: '/me/requests/$requestId', params: { requestId: view.id }, search: { submitted: true } });
    },
    onError: (error) => {
      const first = fieldProblemsOf(error).find((p) => p.field.startsWith('body.form.'));
      if (first) focusField(`f-${first.field.slice('body.form.'.length).split('.').join('-')}`);
    },
  });

  const problems = fieldProblemsOf(submit.error);
  const serverErrors = problems.filter((p) => p.field.startsWith('body.form.'));
  const otherErrors = problems.filter((p) => !p.field.startsWith('body.form.')).map((p) => p.message);
  const generalError = submit.isError && problems.length === 0 ? submit.error : null;

  const onSubmit = (form: FormData) => {
    if (submit.isPending) return;
    const body = { serviceId: service.id, form };
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
      <section className="card stack" aria-labelledby="apply-form-title">
        <h2 id="apply-form-title" className="card__title">
          {t('apply.formTitle')}
        </h2>
        <p className="text-muted">{t('apply.formLead')}</p>
        <ErrorSummary id="apply-errors" errors={[]} other={otherErrors} />
        {generalError ? <ErrorNotice error={generalError} title={t('apply.failed')} /> : null}
        {fieldNames.length === 0 ? <p>{t('apply.noFields')}</p> : null}
        <DeskForm
          schema={service.formSchema}
          uiSchema={service.uiSchema}
          formData={formData}
          onChange={setFormData}
          onSubmit={onSubmit}
          serverErrors={serverErrors}
        >
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
    </div>
  );
}
