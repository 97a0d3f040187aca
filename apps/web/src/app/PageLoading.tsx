import { Loading } from '../components/Notice';

/** What a page shows while its code or data loads: the standard spinner with words (`role="status"`). */
export function PageLoading() {
  return <Loading />;
}
