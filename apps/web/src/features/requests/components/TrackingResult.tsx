import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';
import { UserText } from '../../../components/UserText';
import type { PublicTracking } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { StatusBadge } from './StatusBadge';

/**
 * A request as public tracking and the call centre show it: the service, the status in words with
 * what is expected of the applicant now, the answer date, and the steps (who acted only as a role)
 * with their Jalali dates. The API's words are in the reader's language already.
 */
export function TrackingResult({ r, agencyName, headingId }: { r: PublicTracking; agencyName?: string; headingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card stack" aria-labelledby={headingId} data-status={r.status}>
      <h2 id={headingId} className="card__title">
        <UserText>{r.serviceTitle}</UserText>
      </h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('track.code')}</dt>
          <dd dir="ltr">{format.digits(r.trackingCode)}</dd>
        </div>
        {agencyName ? (
          <div className="facts__row">
            <dt>{t('requests.fields.agency')}</dt>
            <dd>
              <UserText>{agencyName}</UserText>
            </dd>
          </div>
        ) : null}
        <div className="facts__row">
          <dt>{t('requests.fields.status')}</dt>
          <dd>
            <StatusBadge status={r.status} /> <span>{r.statusLabel}</span>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{r.closed ? t('track.dueWas') : t('requests.fields.dueDate')}</dt>
          <dd>
            {format.jalaliDay(r.dueDateJalali)}
            {r.overdue ? <span className="badge badge--warning"> {t('track.overdue')}</span> : null}
          </dd>
        </div>
      </dl>
      <Notice tone={r.closed ? 'success' : 'info'} title={t('track.expected')}>
        <p>{r.expected}</p>
      </Notice>
      <h3 className="card__subtitle">{t('requests.history.title')}</h3>
      <ol className="timeline">
        {r.steps.map((step, index) => (
          <li key={`${step.at}-${index}`} className="timeline__item">
            <p className="timeline__action">{step.label}</p>
            <p className="timeline__meta">
              <span className="timeline__actor">{step.actorLabel}</span>
              {' · '}
              <time dateTime={step.at}>{format.jalaliDay(step.dateJalali)}</time>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
