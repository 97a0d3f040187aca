import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, DocumentIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { auditEntryQuery } from '../api';
import { agencyName } from '../components/AuditTable';
import { Party } from '../components/Party';

/** `/staff/audit/$entryId`: one entry in full, with its chain and the hashes that link it to the one before. */
export function AuditEntryPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { entryId = '' } = useParams({ strict: false });
  const query = useQuery(auditEntryQuery(entryId));
  const title = t('audit.entryPage.title', { seq: format.digits(entryId) });

  const back = (
    <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
      <Link to="/staff/audit">
        <BackIcon />
        {t('audit.entryPage.back')}
      </Link>
    </nav>
  );
  if (query.isPending)
    return (
      <div className="stack-lg">
        {back}
        <PageHeader title={title} icon={<DocumentIcon />} />
        <Loading label={t('audit.entryPage.loading')} />
      </div>
    );
  if (query.isError)
    return (
      <div className="stack-lg">
        {back}
        <PageHeader title={title} icon={<DocumentIcon />} />
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );

  const e = query.data;
  const none = <span className="text-muted">{t('audit.entryPage.none')}</span>;
  const row = (label: string, value: ReactNode) => (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const ltr = (v: string | null) => (v ? <bdi dir="ltr">{v}</bdi> : none);
  const hasDetails = Object.keys(e.details).length > 0;
  return (
    <div className="stack-lg">
      {back}
      <PageHeader title={title} icon={<DocumentIcon />} />
      <section className="card stack" aria-labelledby="entry-facts">
        <h2 id="entry-facts" className="card__title">
          <code dir="ltr">{e.action}</code>
        </h2>
        <dl className="facts">
          {row(
            t('audit.entryPage.occurredAt'),
            <time dateTime={e.occurredAt}>{format.date(e.occurredAt, { withTime: true, weekday: true })}</time>,
          )}
          {row(t('audit.entryPage.actor'), <Party party={e.actor} />)}
          {e.onBehalfOf ? row(t('audit.entryPage.onBehalfOf'), <Party party={e.onBehalfOf} />) : null}
          {row(t('audit.entryPage.objectType'), <code dir="ltr">{e.objectType}</code>)}
          {row(t('audit.entryPage.objectId'), ltr(e.objectId))}
          {row(t('audit.entryPage.agency'), agencyName(e, i18n.language) ?? none)}
          {row(t('audit.entryPage.ip'), ltr(e.ip))}
          {row(t('audit.entryPage.userAgent'), ltr(e.userAgent))}
          {row(t('audit.entryPage.requestId'), ltr(e.requestId))}
        </dl>
      </section>
      <section className="card stack" aria-labelledby="entry-details">
        <h2 id="entry-details" className="card__title">
          {t('audit.entryPage.details')}
        </h2>
        {hasDetails ? (
          <>
            <pre className="code-block" dir="ltr" tabIndex={0}>
              {JSON.stringify(e.details, null, 2)}
            </pre>
            <p className="text-muted">{t('audit.entryPage.redactedHelp')}</p>
          </>
        ) : (
          <p className="text-muted">{t('audit.entryPage.noDetails')}</p>
        )}
      </section>
      <section className="card stack" aria-labelledby="entry-chain">
        <h2 id="entry-chain" className="card__title">
          {t('audit.chain.title')}
        </h2>
        <p className="text-muted">{t('audit.entryPage.chainHelp')}</p>
        <dl className="facts">
          {row(
            t('audit.entryPage.chain'),
            t('audit.entryPage.chainPlace', { chain: e.chain, seq: format.digits(e.chainSeq) }),
          )}
          {row(
            t('audit.entryPage.hash'),
            <code dir="ltr" className="hash">
              {e.hash}
            </code>,
          )}
          {row(
            t('audit.entryPage.prevHash'),
            <code dir="ltr" className="hash">
              {e.prevHash}
            </code>,
          )}
        </dl>
      </section>
    </div>
  );
}
