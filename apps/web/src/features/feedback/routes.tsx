import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';

const feedbackRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'feedback',
  component: lazyRouteComponent(() => import('./routes/FeedbackPage'), 'FeedbackPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const feedbackRoutes = { staffArea: [feedbackRoute] } as const;
