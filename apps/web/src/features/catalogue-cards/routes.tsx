import { createRoute } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { CardListPage } from './routes/CardListPage';
import { CardEditorPage } from './routes/CardEditorPage';

const cardListRoute = createRoute({ getParentRoute: () => staffAreaRoute, path: 'catalogue', component: CardListPage });
const cardEditorRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/new',
  component: CardEditorPage,
});

/** The pages of this feature, put in the route tree by `app/router.tsx`. */
export const catalogueCardRoutes = [cardListRoute, cardEditorRoute] as const;
