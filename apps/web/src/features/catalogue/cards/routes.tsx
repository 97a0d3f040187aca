import { CardStatus } from '@dargah/contracts';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../../app/areas';
import type { CardListSearch } from './routes/CardListPage';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const cardListRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue',
  validateSearch: (search: Record<string, unknown>): CardListSearch => {
    const status = CardStatus.safeParse(search.status);
    return {
      ...(status.success ? { status: status.data } : {}),
      ...(typeof search.agencyId === 'string' && uuid.test(search.agencyId) ? { agencyId: search.agencyId } : {}),
      ...(typeof search.submitted === 'string' && uuid.test(search.submitted) ? { submitted: search.submitted } : {}),
    };
  },
  component: lazyRouteComponent(() => import('./routes/CardListPage'), 'CardListPage'),
});
const cardNewRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/new',
  component: lazyRouteComponent(() => import('./routes/CardEditorPage'), 'CardEditorPage'),
});
const cardEditRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/$cardId/edit',
  validateSearch: (search: Record<string, unknown>): { saved?: boolean } =>
    search.saved === true || search.saved === 'true' ? { saved: true } : {},
  component: lazyRouteComponent(() => import('./routes/CardEditorPage'), 'CardEditorPage'),
});

/** The pages of this part of the catalogue, put in the route tree by `../routes.tsx`. */
export const catalogueCardRoutes = [cardListRoute, cardNewRoute, cardEditRoute] as const;
