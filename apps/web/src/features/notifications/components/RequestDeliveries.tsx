import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../../components/QueryStates';
import { useFormat } from '../../../lib/format';
import { requestDeliveriesQuery } from '../api';
import { channelLabel, statusLabel, statusTone, templateLabel } from './labels';

/**
 * The staff request page's section: each message sent about the request — channel, which message,
 * the recipient masked, its delivery status, attempts and time. The server shows it only to those
 * who may open the request.
 */
export function RequestDeliveries({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const captionId = useId();
  const query = useQuery(requestDeliveriesQuery(requestId));

  const body = (
    <QueryStates
      query={query}
      isEmpty={(data) => data.items.length === 0}
      empty={<p className="text-muted">{t('notifications.deliveries.emptyTitle')}</p>}
    >
      {(data) => (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
          <table className="data-table" data-testid="request-deliveries">
            <caption id={captionId} className="visually-hidden">
              {t('notifications.deliveries.table')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.deliveries.time')}</th>
                <th scope="col">{t('notifications.deliveries.template')}</th>
                <th scope="col">{t('notifications.deliveries.channel')}</th>
                <th scope="col">{t('notifications.deliveries.recipient')}</th>
                <th scope="col">{t('notifications.deliveries.status')}</th>
                <th scope="col">{t('notifications.deliveries.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <time dateTime={d.deliveredAt ?? d.updatedAt}>{format.dateTime(d.deliveredAt ?? d.updatedAt)}</time>
                  </td>
                  <td>{templateLabel(t, d.template)}</td>
                  <td>{channelLabel(t, d.channel)}</td>
                  <td>
                    {d.channel === 'in_app' ? (
                      t('notifications.deliveries.inApp')
                    ) : (
                      <bdi dir="ltr">{format.digits(d.recipient)}</bdi>
                    )}
                  </td>
                  <td>
                    <span className={`badge badge--status ${statusTone(d.status)}`}>{statusLabel(t, d.status)}</span>
                  </td>
                  <td>{format.number(d.attempts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryStates>
  );

  return (
    <section className="card stack" aria-labelledby={titleId} aria-busy={query.isFetching}>
      <h2 id={titleId} className="card__title">
        {t('notifications.deliveries.title')}
      </h2>
      <p className="text-muted">{t('notifications.deliveries.lead')}</p>
      {body}
    </section>
  );
}
