import { catalogueCardRoutes } from './cards/routes';
import { catalogueImportRoutes } from './import/routes';
import { cataloguePublicRoutes } from './public/routes';
import { catalogueReviewRoutes } from './review/routes';

/**
 * The catalogue's pages by the area they belong to, put in the route tree by `app/router.tsx`: the
 * public catalogue for everyone; cards, review and import in the staff workspace.
 */
export const catalogueRoutes = {
  root: cataloguePublicRoutes,
  staffArea: [...catalogueCardRoutes, ...catalogueReviewRoutes, ...catalogueImportRoutes],
} as const;
