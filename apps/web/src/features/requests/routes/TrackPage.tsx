import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DigitsInput } from '../../../components/DigitsInput';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { ClockIcon } from '../../../components/icons';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useStaticPage } from '../../../lib/staticPage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { TrackingResult } from '../components/TrackingResult';
import type { TrackState } from '../trackAction';

/**
 * `/track` (and `/track?code=…`, the address the receipt's QR code will carry): anyone follows a
 * request with its tracking code and the applicant's national code, without signing in. Rendered by
 * the server, working without JavaScript (ADR 0018): the form posts back here (`trackAction`), so
 * the national code never appears in an address. A wrong national code and an unknown code are
 * told alike; the answer shows the status in words, what is expected now, the answer date and the
 * steps by role, never names, the form or notes.
 */
export function TrackPage() {
  const { t } = useTranslation();
  const page = useStaticPage();
  const search = useSearch({ strict: false });
  const state = page?.formState as TrackState | undefined;
  const code = state?.trackingCode ?? (typeof search.code === 'string' || typeof search.code === 'number' ? String(search.code) : '');
  usePageTitle(t('track.title'));

  const error = state && 'error' in state ? state.error : undefined;
  const fields = fieldErrorsOf(error, 'body')?.fields ?? {};
  const labels = { trackingCode: t('track.code'), nationalCode: t('track.nationalCode') };
  const problems = (['trackingCode', 'nationalCode'] as const)
    .filter((name) => fields[name])
    .map((name) => ({ field: name, label: labels[name], message: fields[name]! }));
  const refusal = error && problems.length === 0 ? error : undefined;

  return (
    <div className="stack-lg narrow track-page">
      <PageHeader title={t('track.title')} lead={t('track.lead')} icon={<ClockIcon />} />
      {state && 'result' in state ? <TrackingResult r={state.result} headingId="track-result" /> : null}
      <section className="card stack" aria-labelledby="track-form">
        <h2 id="track-form" className="card__title">
          {state && 'result' in state ? t('track.again') : t('track.formTitle')}
        </h2>
        {problems.length > 0 ? <ErrorSummary id="track-errors" errors={problems} /> : null}
        {refusal ? (
          <ErrorNotice error={refusal} title={refusal.code === 'RATE_LIMITED' ? t('track.tooMany') : t('track.notFound')} />
        ) : null}
        <form className="stack" method="post" action="/track" noValidate>
          <input type="hidden" name="_csrf" value={page?.csrfToken ?? ''} />
          <Field id="trackingCode" label={labels.trackingCode} help={t('track.codeHelp')} error={fields.trackingCode} required>
            {(props) => <DigitsInput {...props} maxLength={20} defaultValue={code} />}
          </Field>
          <Field id="nationalCode" label={labels.nationalCode} help={t('track.nationalCodeHelp')} error={fields.nationalCode} required>
            {(props) => <DigitsInput {...props} maxLength={14} autoFocus={Boolean(code) && !state} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button">
              {t('track.submit')}
            </button>
          </div>
        </form>
        <p className="text-muted">{t('track.privacy')}</p>
      </section>
    </div>
  );
}
