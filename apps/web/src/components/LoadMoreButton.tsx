import { useTranslation } from 'react-i18next';

interface InfiniteLike {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  isFetchNextPageError?: boolean;
}

/** "Load more" under a paged list (cursor pagination); nothing when there is no next page. */
export function LoadMoreButton({ query, label }: { query: InfiniteLike; label?: string }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <div className="load-more">
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={query.isFetchingNextPage}
        onClick={() => {
          if (!query.isFetchingNextPage) void query.fetchNextPage();
        }}
      >
        {query.isFetchingNextPage ? <span className="spinner" aria-hidden="true" /> : null}
        {label ?? t('common.loadMore')}
      </button>
      <span role="status" className="load-more__status">
        {query.isFetchingNextPage ? t('common.loading') : query.isFetchNextPageError ? t('common.loadMoreFailed') : ''}
      </span>
    </div>
  );
}
