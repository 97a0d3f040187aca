import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UserText } from '../../../components/UserText';
import { useFormat } from '../../../lib/format';
import { requestChannelQuery } from '../api';
import { PostalRetryAction } from './PostalRetryAction';

/**
 * How a request came in (online, a counter office, the in-person desk) and, when the answer goes by
 * post, its dispatch: for the applicant's receipt and the staff's request page. Nothing for a plain
 * online request without postal delivery. A failed dispatch may be sent again by the agency's desk
 * staff (the server says so: `mayRetry`).
 */
export function ChannelFacts({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const q = useQuery(requestChannelQuery(requestId));
  const c = q.data;
  if (!c || (c.channel === 'online' && !c.postal)) return null;
  return (
    <section className="card stack" aria-labelledby="channel-facts">
      <h2 id="channel-facts" className="card__title">
        {t('channel.title')}
      </h2>
      <dl className="facts">
        <dt>{t('channel.via')}</dt>
        <dd>
          {t(`channel.${c.channel}`)}
          {c.officeName ? (
            <>
              {' — '}
              <UserText>{c.officeName}</UserText>
            </>
          ) : null}
        </dd>
        {c.identityCheck ? (
          <>
            <dt>{t('channel.identity')}</dt>
            <dd>{t(`channel.${c.identityCheck}`)}</dd>
          </>
        ) : null}
        {c.postal ? (
          <>
            <dt>{t('channel.postal')}</dt>
            <dd>
              {t(`channel.${c.postal.status}`)}
              {c.postal.dispatchedAt ? ` (${format.dateTime(c.postal.dispatchedAt)})` : null}
            </dd>
            <dt>{t('channel.postalCode')}</dt>
            <dd dir="ltr">{format.digits(c.postal.postalCodeMasked)}</dd>
            {c.postal.postalTracking ? (
              <>
                <dt>{t('channel.postalTracking')}</dt>
                <dd dir="ltr">{format.digits(c.postal.postalTracking)}</dd>
              </>
            ) : null}
            {c.postal.status === 'due' || c.postal.status === 'failed' ? (
              <>
                <dt>{t('channel.attempts')}</dt>
                <dd>{format.number(c.postal.attempts)}</dd>
              </>
            ) : null}
            {c.postal.nextAttemptAt && c.postal.attempts > 0 ? (
              <>
                <dt>{t('channel.nextAttempt')}</dt>
                <dd>{format.dateTime(c.postal.nextAttemptAt)}</dd>
              </>
            ) : null}
            {c.postal.lastError ? (
              <>
                <dt>{t('channel.lastError')}</dt>
                <dd dir="auto">
                  <UserText>{c.postal.lastError}</UserText>
                </dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {c.postal?.status === 'failed' ? (
        <p role="note" className="text-muted">
          {t(c.postal.mayRetry ? 'channel.failedNoteRetry' : 'channel.failedNote')}
        </p>
      ) : null}
      {c.postal ? <PostalRetryAction requestId={requestId} mayRetry={c.postal.mayRetry} /> : null}
    </section>
  );
}
