import type { ReactNode } from 'react';
import { ApiError } from '../lib/api';
import { ErrorNotice, Loading } from './Notice';
import { PageHeader } from './PageHeader';
import type { QueryLike } from './QueryStates';

export interface PageQueryStatesProps<T> {
  /** The page's query (several at once: `allQueries`). */
  query: QueryLike<T>;
  /** The page's icon, beside the heading in every state. */
  icon?: ReactNode;
  /** The heading while the page loads («در حال دریافت …»). */
  loadingTitle: string;
  /** Words of the spinner under it (default «در حال بارگیری…»). */
  loadingLabel?: string;
  /** The heading when there is no page to show: not found, or could not be loaded. */
  failedTitle: string;
  /** Title of the error notice (default: none, the server's message only). */
  errorTitle?: ReactNode;
  /** Shown above the heading in every state (usually the breadcrumb back). */
  before?: ReactNode;
  /** The way back offered with the failure (usually a link to the list). */
  back?: ReactNode;
  /** Data that came but is not this page's (a staff member of another agency): shown as not found. */
  isMissing?: (data: T) => boolean;
  /**
   * What «not found» shows under its heading. Default: the server's message with `back`, and no
   * «try again» (asking again finds nothing more).
   */
  notFound?: ReactNode;
  /** The page itself, once its data is there. */
  children: (data: T) => ReactNode;
}

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * The states of a page about one thing (a service, a request, a staff member), the same on every
 * such page: while loading, its heading says so («در حال دریافت …», so the document title and the
 * `<h1>` are never empty) above the polite spinner; when the thing does not exist (404), a heading
 * that says so and the way back; when loading failed otherwise, the same heading, the server's
 * message and reference, the way back and «try again»; then the page.
 */
export function PageQueryStates<T>({
  query,
  icon,
  loadingTitle,
  loadingLabel,
  failedTitle,
  errorTitle,
  before,
  back,
  isMissing,
  notFound,
  children,
}: PageQueryStatesProps<T>) {
  const frame = (title: string, body: ReactNode) => (
    <div className="stack-lg">
      {before}
      <PageHeader title={title} icon={icon} />
      {body}
    </div>
  );
  if (query.isPending) return frame(loadingTitle, <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />);
  if (query.isError && !isNotFound(query.error)) {
    return frame(
      failedTitle,
      <ErrorNotice error={query.error} title={errorTitle} action={back} onRetry={() => void query.refetch()} />,
    );
  }
  // Neither pending nor failed otherwise: TanStack Query has the data, unless the thing was not found.
  const data = query.data as T;
  if (query.isError || isMissing?.(data)) {
    const said =
      notFound !== undefined ? (
        notFound
      ) : query.isError ? (
        <ErrorNotice error={query.error} title={errorTitle} action={back} />
      ) : (
        back
      );
    return frame(failedTitle, said);
  }
  return <>{children(data)}</>;
}
