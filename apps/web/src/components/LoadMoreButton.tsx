import { useTranslation } from 'react-i18next';
import { useStaticPage } from '../lib/staticPage';

interface InfiniteLike {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  isFetchNextPageError?: boolean;
}

/**
 * "Load more" under a paged list (cursor pagination); nothing when there is no next page. On a page
 * the server renders (ADR 0018) it is a link to `nextHref` (the next page as its own address), or
 * nothing without one.
 */
export function LoadMoreButton({ query, label, nextHref }: { query: InfiniteLike; label?: string; nextHref?: string }) {
  const { t } = useTranslation();
  const staticPage = useStaticPage();
  if (!query.hasNextPage) return null;
  if (staticPage) {
    if (!nextHref) return null;
    return (
      <div className="load-more">
        <a className="button button--secondary" href={nextHref}>
          {label ?? t('common.loadMore')}
        </a>
      </div>
    );
  }
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
