import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { citizenAreaRoute, rootRoute, serverPage, staffAreaRoute } from '../../app/areas';

const receiptRoute = createRoute({
  getParentRoute: () => citizenAreaRoute,
  path: 'requests/$requestId',
  validateSearch: (search: Record<string, unknown>): { submitted?: boolean } =>
    search.submitted === true || search.submitted === 'true' ? { submitted: true } : {},
  component: lazyRouteComponent(() => import('./routes/ReceiptPage'), 'ReceiptPage'),
});

/*
 * Public tracking is rendered and answered on the server (ADR 0018): `/track?code=…` prefills the
 * code (the receipt's QR code), the form posts the national code back to `/track`. Its server side is
 * loaded only where it runs.
 */
const trackAction = () => import('./trackAction');
const trackRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/track',
  // `?code=4501822516` arrives as a number (the router reads values as JSON): kept as it came, so
  // the address the router writes back is the one asked for.
  validateSearch: (search: Record<string, unknown>): { code?: string | number } =>
    typeof search.code === 'string' && search.code !== '' ? { code: search.code.slice(0, 40) }
    : typeof search.code === 'number' && Number.isSafeInteger(search.code) ? { code: search.code }
    : {},
  component: lazyRouteComponent(() => import('./routes/TrackPage'), 'TrackPage'),
  ...serverPage({ action: async (form, search, files) => (await trackAction()).trackAction(form, search, files) }),
});

const callCentreRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'call-centre',
  component: lazyRouteComponent(() => import('./routes/CallCentrePage'), 'CallCentrePage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const requestRoutes = { root: [trackRoute], citizenArea: [receiptRoute], staffArea: [callCentreRoute] } as const;
