import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { citizenAreaRoute } from '../../app/areas';

const receiptRoute = createRoute({
  getParentRoute: () => citizenAreaRoute,
  path: 'requests/$requestId',
  validateSearch: (search: Record<string, unknown>): { submitted?: boolean } =>
    search.submitted === true || search.submitted === 'true' ? { submitted: true } : {},
  component: lazyRouteComponent(() => import('./routes/ReceiptPage'), 'ReceiptPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const requestRoutes = { citizenArea: [receiptRoute] } as const;
