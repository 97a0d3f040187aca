import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';

const deskScorecardRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'desk-scorecard',
  component: lazyRouteComponent(() => import('./routes/DeskScorecardPage'), 'DeskScorecardPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const deskScorecardRoutes = { staffArea: [deskScorecardRoute] } as const;
