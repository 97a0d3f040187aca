import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { DocumentIcon, PrintIcon } from '../../../components/icons';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { areasOf, hasRole, useSession } from '../../identity';
import { auditEntriesQuery, csvUrl, FILTER_KEYS, hasFilters, type AuditSearch } from '../api';
import { AuditFilters } from '../components/AuditFilters';
import { AuditTable } from '../components/AuditTable';
import { ChainStatusCard } from '../components/ChainStatusCard';

/** Entries one CSV download holds at most (the server's limit). */
const CSV_MAX = 10_000;

/**
 * `/staff/audit`: the audit log, filtered in the URL, newest first, in pages; a CSV download and a
 * printable list of what the filters select. Auditors and platform administrators also see the
 * chain's status here.
 */
export function AuditLogPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const search: AuditSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const query = useInfiniteQuery(auditEntriesQuery(search));
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = hasFilters(search);
  const readsAll = hasRole(session, ['oversight_auditor', 'platform_admin']);
  const invalid = fieldErrorsOf(query.error, 'querystring');

  let body: React.ReactNode;
  if (query.isPending) body = <Loading label={t('audit.logPage.loading')} />;
  // A filter the server could not read is shown at its field; anything else may pass on a retry.
  else if (query.isError)
    body = <ErrorNotice error={query.error} {...(invalid ? {} : { onRetry: () => void query.refetch() })} />;
  else if (items.length === 0)
    body = (
      <EmptyState icon={<DocumentIcon />} title={t('audit.logPage.emptyTitle')} headingLevel={3}>
        <p>{filtered ? t('audit.logPage.emptyFiltered') : t('audit.logPage.emptyAll')}</p>
      </EmptyState>
    );
  else
    body = (
      <>
        <AuditTable items={items} search={search} />
        <p className="text-muted" role="status">
          {t('audit.logPage.shown', { n: format.number(items.length) })}
        </p>
      </>
    );

  const applied = FILTER_KEYS.filter((k) => search[k]).map(
    (k) => `${t(`audit.filters.${k === 'agencyId' ? 'agency' : k}`)}: ${search[k]}`,
  );

  return (
    <div className="stack-lg audit-log">
      <PageHeader
        title={t('audit.logPage.title')}
        lead={readsAll ? t('audit.logPage.leadAll') : t('audit.logPage.leadAgencies')}
        icon={<DocumentIcon />}
      />
      <p className="print-only">
        {t('audit.logPage.printTitle', { time: format.dateTime(Date.now()) })}
        <br />
        {t('audit.logPage.printFilters', {
          filters: applied.length ? applied.join('، ') : t('audit.logPage.noFilters'),
        })}
      </p>
      {areasOf(session).operations ? <ChainStatusCard /> : null}
      <AuditFilters
        key={JSON.stringify(search)}
        value={search}
        errors={invalid?.fields}
        onApply={(next) => void navigate({ to: '/staff/audit', search: next })}
      />
      <section className="card stack" aria-labelledby="audit-list-title" aria-busy={query.isFetching}>
        <div className="card__header">
          <h2 id="audit-list-title" className="card__title">
            {t('audit.logPage.entries')}
          </h2>
          <div className="toolbar no-print">
            <a className="button button--secondary button--small" href={csvUrl(search)} download>
              {t('audit.download.csv')}
            </a>
            <button type="button" className="button button--ghost button--small" onClick={() => window.print()}>
              <PrintIcon />
              {t('audit.download.print')}
            </button>
          </div>
        </div>
        <p className="text-muted no-print">{t('audit.download.csvHelp', { n: format.number(CSV_MAX) })}</p>
        {body}
        <div className="no-print">
          <LoadMoreButton query={query} label={t('audit.logPage.loadMore')} />
        </div>
      </section>
    </div>
  );
}
