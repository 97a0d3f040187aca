import { useTranslation } from 'react-i18next';
import type { RequestView, ServiceRequestView } from '../../../lib/contracts';
import { Notice } from '../../../components/Notice';
import { UserText } from '../../../components/UserText';
import { useFormat } from '../../../lib/format';
import { StatusBadge } from './StatusBadge';

/** Status, agency, service, submission time and the answer due date of a request (who applied: `ApplicantFacts`). */
export function RequestFacts({
  request,
}: {
  request: ServiceRequestView & Pick<RequestView, 'inPerson' | 'statusLabel' | 'payment'>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {request.inPerson ? (
        // The in-person step (ADR 0034): where, when and why, and the originals to bring.
        <Notice tone="info" title={t('requests.inPerson.title')}>
          {request.inPerson.note ? (
            <p dir="auto">
              {t('requests.inPerson.when')}: {request.inPerson.note}
            </p>
          ) : null}
          <p>{t('requests.inPerson.documents')}</p>
          <ul>
            {request.inPerson.documents.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <dl className="facts facts--grid">
        <div className="facts__row">
          <dt>{t('requests.fields.status')}</dt>
          <dd>
            <StatusBadge status={request.status} label={request.statusLabel} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('requests.fields.service')}</dt>
          <dd>
            <UserText>{request.serviceTitle}</UserText>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('requests.fields.agency')}</dt>
          <dd>
            <UserText>{request.agencyName}</UserText>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('requests.fields.submittedAt')}</dt>
          <dd>
            <time dateTime={request.submittedAt}>{format.dateTime(request.submittedAt)}</time>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('requests.fields.dueDate')}</dt>
          <dd>
            <time dateTime={request.dueAt}>{format.jalaliDay(request.dueDateJalali)}</time>
            <span className="facts__help">{t('requests.fields.dueDateHelp')}</span>
          </dd>
        </div>
        {request.payment ? (
          <div className="facts__row">
            <dt>{t('requests.fields.feePaid')}</dt>
            <dd>
              {format.rials(request.payment.amountRials)}
              <span className="facts__help">{t('requests.fields.feeReference', { ref: format.digits(request.payment.referenceNumber) })}</span>
            </dd>
          </div>
        ) : null}
      </dl>
    </>
  );
}
