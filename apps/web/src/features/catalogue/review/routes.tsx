import { createRoute } from '@tanstack/react-router';
import { staffAreaRoute } from '../../../app/areas';
import { ReviewQueuePage } from './routes/ReviewQueuePage';
import { CardPage } from './routes/CardPage';

const reviewQueueRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/review',
  component: ReviewQueuePage,
});
const cardRoute = createRoute({ getParentRoute: () => staffAreaRoute, path: 'catalogue/$cardId', component: CardPage });

/** The pages of this part of the catalogue, put in the route tree by `../routes.tsx`. */
export const catalogueReviewRoutes = [reviewQueueRoute, cardRoute] as const;
