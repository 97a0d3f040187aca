import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { UserText } from '../../../components/UserText';
import { DocumentIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { documentsKey, fetchToSign } from '../api';

/** `/staff/documents`: the documents of my agencies waiting for my signature, newest first, page by page. */
export function ToSignPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useInfiniteQuery({
    queryKey: [...documentsKey, 'to-sign'],
    queryFn: ({ pageParam, signal }) => fetchToSign(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  let body: React.ReactNode;
  if (query.isPending) body = <Loading label={t('documents.toSign.loading')} />;
  else if (query.isError)
    body = (
      <ErrorNotice error={query.error} title={t('documents.toSign.failed')} onRetry={() => void query.refetch()} />
    );
  else if (items.length === 0)
    body = (
      <div className="card">
        <EmptyState icon={<DocumentIcon />} title={t('documents.toSign.empty')}>
          <p>{t('documents.toSign.emptyBody')}</p>
        </EmptyState>
      </div>
    );
  else
    body = (
      <>
        <ul className="stack document-list" aria-label={t('documents.toSign.title')}>
          {items.map((d) => (
            <li key={d.id} className="card document-list__item">
              <Link to="/staff/documents/$documentId" params={{ documentId: d.id }} className="document-list__title">
                <UserText>{d.title || t(`documents.kinds.${d.kind}`)}</UserText>
              </Link>
              <p className="text-muted">
                {t(`documents.kinds.${d.kind}`)} · <UserText>{d.agency.name}</UserText> ·{' '}
                {t('documents.toSign.issuedAt', { date: format.date(d.issuedAt) })} ·{' '}
                {d.signatureCount > 0
                  ? t('documents.toSign.signatures', { count: d.signatureCount, n: format.number(d.signatureCount) })
                  : t('documents.toSign.noSignatures')}
              </p>
            </li>
          ))}
        </ul>
        <LoadMoreButton query={query} />
      </>
    );

  return (
    <div className="stack-lg">
      <PageHeader title={t('documents.toSign.title')} lead={t('documents.toSign.lead')} icon={<DocumentIcon />} />
      <p>
        <Link to="/staff/documents/keys">{t('documents.toSign.keys')}</Link>
      </p>
      {body}
    </div>
  );
}
