import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DigitsInput } from '../../../components/DigitsInput';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { SubmitButton } from '../../../components/SubmitButton';
import { UserText } from '../../../components/UserText';
import { InboxIcon } from '../../../components/icons';
import type { CallCentreDesk, CallCentreLookupInput } from '../../../lib/contracts';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { callCentreQuery, lookUpForCaller } from '../api';
import { TrackingResult } from '../components/TrackingResult';

const FIELDS = ['trackingCode', 'nationalCode', 'mobileLast4'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * `/staff/call-centre`: a call-centre operator answers a caller about their request. The caller
 * says the tracking code, their national code and the last four digits of the mobile on file; the
 * server answers only when all three are the applicant's and the request is one of the operator's
 * agencies (otherwise one refusal, whatever was wrong). Every lookup is recorded in the audit log
 * with the operator's name, and there is a limit a minute per operator.
 */
export function CallCentrePage() {
  const { t } = useTranslation();
  const desk = useQuery(callCentreQuery);
  return (
    <PageQueryStates query={desk} icon={<InboxIcon />} loadingTitle={t('callCentre.loading')} failedTitle={t('callCentre.title')}>
      {(d) => <CallCentre desk={d} />}
    </PageQueryStates>
  );
}

function CallCentre({ desk }: { desk: CallCentreDesk }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [values, setValues] = useState<CallCentreLookupInput>({ trackingCode: '', nationalCode: '', mobileLast4: '' });
  const lookup = useMutation({ mutationFn: lookUpForCaller });
  const fields = fieldErrorsOf(lookup.error, 'body')?.fields ?? {};
  const labels: Record<FieldName, string> = {
    trackingCode: t('callCentre.trackingCode'),
    nationalCode: t('callCentre.nationalCode'),
    mobileLast4: t('callCentre.mobileLast4'),
  };
  const problems = FIELDS.filter((f) => fields[f]).map((f) => ({ field: f, label: labels[f], message: fields[f]! }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    lookup.mutate(values);
  };
  const next = () => {
    lookup.reset();
    setValues({ trackingCode: '', nationalCode: '', mobileLast4: '' });
  };

  return (
    <div className="stack-lg narrow">
      <PageHeader title={t('callCentre.title')} lead={t('callCentre.lead')} icon={<InboxIcon />} />
      <p className="text-muted">
        {t('callCentre.agencies')}{' '}
        {desk.agencies.map((a, i) => (
          <span key={a.id}>
            {i > 0 ? '، ' : null}
            <UserText>{a.name}</UserText>
          </span>
        ))}
      </p>
      <section className="card stack" aria-labelledby="call-centre-form">
        <h2 id="call-centre-form" className="card__title">
          {t('callCentre.formTitle')}
        </h2>
        <p className="text-muted">{t('callCentre.audited', { count: desk.lookupsPerMinute, n: format.number(desk.lookupsPerMinute) })}</p>
        {problems.length > 0 ? <ErrorSummary id="call-centre-errors" errors={problems} /> : null}
        {lookup.isError && problems.length === 0 ? <ErrorNotice error={lookup.error} title={t('callCentre.notVerified')} /> : null}
        <form className="stack" onSubmit={submit} noValidate>
          {FIELDS.map((name) => (
            <Field key={name} id={`cc-${name}`} name={name} label={labels[name]} help={t(`callCentre.help.${name}`)} error={fields[name]} required>
              {(props) => (
                <DigitsInput
                  {...props}
                  maxLength={name === 'mobileLast4' ? 8 : 20}
                  value={values[name]}
                  onChange={(e) => setValues({ ...values, [name]: e.target.value })}
                />
              )}
            </Field>
          ))}
          <div className="form-actions">
            <SubmitButton pending={lookup.isPending}>{t('callCentre.submit')}</SubmitButton>
            {lookup.isSuccess || lookup.isError ? (
              <button type="button" className="button button--ghost" onClick={next}>
                {t('callCentre.next')}
              </button>
            ) : null}
          </div>
        </form>
      </section>
      {lookup.data ? (
        <>
          <Notice tone="success" role="status" title={t('callCentre.verified')} />
          <TrackingResult r={lookup.data} agencyName={lookup.data.agencyName} headingId="call-centre-result" />
        </>
      ) : null}
    </div>
  );
}
