import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../../app/areas';

const reviewQueueRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/review',
  component: lazyRouteComponent(() => import('./routes/ReviewQueuePage'), 'ReviewQueuePage'),
});
const cardRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/$cardId',
  component: lazyRouteComponent(() => import('./routes/CardPage'), 'CardPage'),
});

/** The pages of this part of the catalogue, put in the route tree by `../routes.tsx`. */
export const catalogueReviewRoutes = [reviewQueueRoute, cardRoute] as const;
