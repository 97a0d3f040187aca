import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { QueryStates } from '../../../components/QueryStates';
import { UserText } from '../../../components/UserText';
import { CheckIcon } from '../../../components/icons';
import type { FeedbackSummary, LowRating } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { hasRole, useSession } from '../../identity';
import { feedbackSummaryQuery, lowRatingsQuery } from '../api';

type Tally = Pick<FeedbackSummary['agencies'][number], 'count' | 'mean' | 'stars'>;

/**
 * `/staff/feedback`: the applicants' ratings of the agencies where the person is a unit manager or
 * administrator: per agency, per service and per office, each an accessible table (counts of each
 * star, mean); for unit managers, the low ratings (1–2) with their comments, newest first.
 */
export function FeedbackPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const summary = useQuery(feedbackSummaryQuery);
  usePageTitle(t('feedbackWorkspace.title'));
  return (
    <div className="stack-lg">
      <PageHeader title={t('feedbackWorkspace.title')} lead={t('feedbackWorkspace.lead')} icon={<CheckIcon />} />
      <QueryStates
        query={summary}
        loadingLabel={t('feedbackWorkspace.loading')}
        isEmpty={(s) => s.agencies.length === 0}
        empty={<p className="card">{t('feedbackWorkspace.none')}</p>}
      >
        {(s) => (
          <>
            <TallyTable id="by-agency" caption={t('feedbackWorkspace.byAgency')} head={t('feedbackWorkspace.agency')} rows={s.agencies.map((a) => ({ key: a.agencyId, name: a.agencyName, t: a }))} />
            <TallyTable id="by-service" caption={t('feedbackWorkspace.byService')} head={t('feedbackWorkspace.service')} rows={s.services.map((a) => ({ key: a.serviceId, name: a.serviceTitle, t: a }))} />
            <TallyTable
              id="by-unit"
              caption={t('feedbackWorkspace.byUnit')}
              head={t('feedbackWorkspace.unit')}
              rows={s.units.map((u) => ({
                key: `${u.agencyId}-${u.unitId ?? ''}`,
                name: `${u.unitName ?? t('feedbackWorkspace.headquarters')} — ${s.agencies.find((a) => a.agencyId === u.agencyId)?.agencyName ?? ''}`,
                t: u,
              }))}
            />
          </>
        )}
      </QueryStates>
      {hasRole(session, ['unit_manager']) ? <LowRatings /> : null}
    </div>
  );
}

function TallyTable({ id, caption, head, rows }: { id: string; caption: string; head: string; rows: Array<{ key: string; name: string; t: Tally }> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {caption}
      </h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
        <table className="data-table" data-testid={id}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col">{t('feedbackWorkspace.count')}</th>
              <th scope="col">{t('feedbackWorkspace.mean')}</th>
              {[1, 2, 3, 4, 5].map((n) => (
                <th key={n} scope="col">
                  {t('feedbackWorkspace.stars', { n: format.digits(n) })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  <UserText>{r.name}</UserText>
                </th>
                <td>{format.number(r.t.count)}</td>
                <td>{r.t.mean === null ? '—' : format.number(r.t.mean, { maximumFractionDigits: 2 })}</td>
                {r.t.stars.map((c, i) => (
                  <td key={i}>{format.number(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function LowRatings() {
  const { t } = useTranslation();
  const format = useFormat();
  const low = useInfiniteQuery(lowRatingsQuery);
  return (
    <section className="card stack" aria-labelledby="low-ratings-title">
      <h2 id="low-ratings-title" className="card__title">
        {t('feedbackWorkspace.low.title')}
      </h2>
      <p className="text-muted">{t('feedbackWorkspace.low.lead')}</p>
      <QueryStates
        query={low}
        isEmpty={(d) => d.pages[0]?.items.length === 0}
        empty={<p>{t('feedbackWorkspace.low.none')}</p>}
      >
        {(d) => (
          <>
            <ul className="stack" data-testid="low-ratings">
              {d.pages
                .flatMap((p) => p.items)
                .map((r: LowRating) => (
                  <li key={r.requestId} className="card stack">
                    <p>
                      <strong>
                        <UserText>{r.serviceTitle}</UserText>
                      </strong>{' '}
                      · {t('feedbackWorkspace.low.trackingCode')}: <bdi dir="ltr">{format.digits(r.trackingCode)}</bdi>
                    </p>
                    <p>
                      {t('feedbackWorkspace.low.rating')}: {format.digits(r.rating)} / {format.digits(5)} ·{' '}
                      <time dateTime={r.givenAt}>{format.dateTime(r.givenAt)}</time>
                    </p>
                    <p dir="auto">{r.comment ?? <span className="text-muted">{t('feedbackWorkspace.low.noComment')}</span>}</p>
                  </li>
                ))}
            </ul>
            {low.hasNextPage ? (
              <button type="button" className="button button--secondary" onClick={() => void low.fetchNextPage()} aria-busy={low.isFetchingNextPage}>
                {t('feedbackWorkspace.low.more')}
              </button>
            ) : null}
          </>
        )}
      </QueryStates>
    </section>
  );
}
