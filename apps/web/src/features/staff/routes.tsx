import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { isCartableFilter, type CartableFilter } from '../requests';
import { isClaimFilter, isSla, type ClaimFilter, type SlaBadge } from './cartable/api';

/** The cartable's filters in the URL (`/staff?status=…&claim=…&sla=…&q=…`). */
export interface CartableSearch {
  status?: CartableFilter;
  claim?: Exclude<ClaimFilter, 'all'>;
  sla?: SlaBadge;
  q?: string;
}

const cartableRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): CartableSearch => ({
    ...(isCartableFilter(search.status) ? { status: search.status } : {}),
    ...(isClaimFilter(search.claim) && search.claim !== 'all' ? { claim: search.claim } : {}),
    ...(isSla(search.sla) ? { sla: search.sla } : {}),
    ...(typeof search.q === 'string' && search.q.trim() !== '' ? { q: search.q.trim().slice(0, 100) } : {}),
  }),
  component: lazyRouteComponent(() => import('./routes/StaffHomePage'), 'StaffHomePage'),
});
const staffRequestRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'requests/$requestId',
  component: lazyRouteComponent(() => import('./routes/StaffRequestPage'), 'StaffRequestPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const staffRoutes = { staffArea: [cartableRoute, staffRequestRoute] } as const;
