import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { useFormat } from '../../../lib/format';
import { latestEntriesQuery } from '../api';
import { usePartyName } from './Party';

/** The newest entries the reader may see, each opening in full: the audit log's section on the staff home. */
export function LatestEntries({ n = 5 }: { n?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const partyName = usePartyName();
  const query = useQuery(latestEntriesQuery(n));
  if (query.isPending) return <Loading label={t('audit.logPage.loading')} />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <p className="text-muted">{t('audit.logPage.emptyAll')}</p>;
  return (
    <ul className="latest-entries" aria-label={t('audit.home.latest')}>
      {query.data.items.map((e) => (
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
  );
}
