import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../../components/QueryStates';
import { useFormat } from '../../../lib/format';
import { latestEntriesQuery } from '../api';
import { usePartyName } from './Party';

/** The newest entries the reader may see, each opening in full: the audit log's section on the staff home. */
export function LatestEntries({ n = 5 }: { n?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const partyName = usePartyName();
  const query = useQuery(latestEntriesQuery(n));
  return (
    <QueryStates
      query={query}
      loadingLabel={t('audit.logPage.loading')}
      isEmpty={(data) => data.items.length === 0}
      empty={<p className="text-muted">{t('audit.logPage.emptyAll')}</p>}
    >
      {(data) => (
        <ul className="latest-entries" aria-label={t('audit.home.latest')}>
          {data.items.map((e) => (
            <li key={e.id}>
              <Link to="/staff/audit/$entryId" params={{ entryId: String(e.id) }}>
                <code dir="ltr">{e.action}</code>
              </Link>
              <span className="text-muted">
                {' · '}
                <bdi>{partyName(e.actor)}</bdi>
                {' · '}
                <time dateTime={e.occurredAt}>{format.date(e.occurredAt, { month: 'numeric', withTime: true })}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </QueryStates>
  );
}
