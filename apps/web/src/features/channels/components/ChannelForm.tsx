import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DigitsInput } from '../../../components/DigitsInput';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import type { ChannelService, RequestView } from '../../../lib/contracts';
import { fieldErrorsOf, fieldProblemsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { LazyDeskForm, type DeskFormData } from '../../services';
import type { FormSubmission } from '../api';

/**
 * A service's own form, filled in for a citizen (the services feature's renderer, DeskForm),
 * with postal delivery of the answer where the service offers it. `send` submits it with the
 * channel's identity (a retry or double click reuses the Idempotency-Key: one request).
 */
export function ChannelForm({
  services,
  ready,
  send,
  idPrefix,
}: {
  services: ChannelService[];
  ready: boolean;
  send: (body: FormSubmission, key: string) => Promise<RequestView>;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const [serviceId, setServiceId] = useState(services[0]?.serviceId ?? '');
  const service = services.find((s) => s.serviceId === serviceId);
  const [done, setDone] = useState<RequestView | null>(null);
  if (services.length === 0) return <p className="card">{t('channels.form.noServices')}</p>;
  if (done) return <Done view={done} onNext={() => setDone(null)} />;
  return (
    <section className="card stack" aria-labelledby={`${idPrefix}-form`}>
      <h2 id={`${idPrefix}-form`} className="card__title">
        {t('channels.form.title')}
      </h2>
      <Field id={`${idPrefix}-service`} name="serviceId" label={t('channels.form.service')} required>
        {(props) => (
          <select {...props} className="input" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
            {services.map((s) => (
              <option key={s.serviceId} value={s.serviceId}>
                {s.title} — {s.agencyName}
              </option>
            ))}
          </select>
        )}
      </Field>
      {service ? (
        <ServiceForm
          key={service.serviceId}
          service={service}
          ready={ready}
          send={send}
          onDone={setDone}
          idPrefix={idPrefix}
        />
      ) : null}
    </section>
  );
}

function Done({ view, onNext }: { view: RequestView; onNext: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Notice tone="success" role="status" title={t('channels.form.done', { code: format.digits(view.trackingCode) })}>
      <p>{t('channels.form.doneLead')}</p>
      <button type="button" className="button" onClick={onNext}>
        {t('channels.form.next')}
      </button>
    </Notice>
  );
}

const POSTAL = ['postalCode', 'address', 'recipientName'] as const;

function ServiceForm({
  service,
  ready,
  send,
  onDone,
  idPrefix,
}: {
  service: ChannelService;
  ready: boolean;
  send: (body: FormSubmission, key: string) => Promise<RequestView>;
  onDone: (v: RequestView) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<DeskFormData>({});
  const [postal, setPostal] = useState<{ on: boolean } & Record<(typeof POSTAL)[number], string>>({
    on: false,
    postalCode: '',
    address: '',
    recipientName: '',
  });
  const [submitted, setSubmitted] = useState(false);
  const keys = useRef(createSubmissionKeys()).current;
  const submit = useMutation({
    mutationFn: ({ body, key }: { body: FormSubmission; key: string }) => send(body, key),
    onSuccess: (view) => {
      keys.reset();
      onDone(view);
    },
  });
  const problems = fieldProblemsOf(submit.error);
  const serverErrors = problems.filter((p) => p.field.startsWith('body.form.'));
  const other = problems
    .filter((p) => !p.field.startsWith('body.form.') && !p.field.startsWith('body.postal.'))
    .map((p) => p.message);
  const postalErrors = fieldErrorsOf(submit.error, 'body.postal')?.fields ?? {};

  const onSubmit = (form: DeskFormData) => {
    setSubmitted(true);
    if (!ready || submit.isPending) return;
    const chosen = Object.fromEntries(POSTAL.filter((k) => postal[k].trim() !== '').map((k) => [k, postal[k]]));
    const body: FormSubmission = { serviceId: service.serviceId, form, ...(postal.on ? { postal: chosen } : {}) };
    submit.mutate({ body, key: keys.keyFor(body) });
  };
  const general = submit.isError && problems.length === 0 ? submit.error : null;
  return (
    <div className="stack">
      <ErrorSummary id={`${idPrefix}-errors`} errors={[]} other={other} />
      {general ? <ErrorNotice error={general} title={t('channels.form.failed')} /> : null}
      {submitted && !ready ? <Notice tone="warning" role="alert" title={t('channels.form.needIdentity')} /> : null}
      <LazyDeskForm
        schema={service.formSchema}
        uiSchema={service.uiSchema}
        formData={values}
        onChange={setValues}
        onSubmit={onSubmit}
        onInvalid={() => setSubmitted(true)}
        serverErrors={serverErrors}
      >
        {service.postalDelivery ? (
          <fieldset className="field fieldset stack">
            <legend className="field__label">{t('channels.form.postal')}</legend>
            <div className="check">
              <input
                id={`${idPrefix}-postal-on`}
                type="checkbox"
                checked={postal.on}
                onChange={(e) => setPostal({ ...postal, on: e.target.checked })}
              />
              <label htmlFor={`${idPrefix}-postal-on`}>{t('channels.form.postal')}</label>
            </div>
            <p className="text-muted">{t('channels.form.postalHelp')}</p>
            {postal.on
              ? POSTAL.map((k) => (
                  <Field
                    key={k}
                    id={`${idPrefix}-postal-${k}`}
                    name={k}
                    label={t(`channels.form.${k}`)}
                    error={postalErrors[k]}
                  >
                    {(props) =>
                      k === 'postalCode' ? (
                        <DigitsInput
                          {...props}
                          maxLength={14}
                          value={postal[k]}
                          onChange={(e) => setPostal({ ...postal, [k]: e.target.value })}
                        />
                      ) : (
                        <input
                          {...props}
                          className="input"
                          maxLength={500}
                          value={postal[k]}
                          onChange={(e) => setPostal({ ...postal, [k]: e.target.value })}
                        />
                      )
                    }
                  </Field>
                ))
              : null}
          </fieldset>
        ) : null}
        <div className="form-actions">
          <SubmitButton pending={submit.isPending}>
            {submit.isPending ? t('channels.form.submitting') : t('channels.form.submit')}
          </SubmitButton>
        </div>
      </LazyDeskForm>
    </div>
  );
}
