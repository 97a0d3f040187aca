import { createRoute } from '@tanstack/react-router';
import { staffAreaRoute } from '../../../app/areas';
import { ImportPage } from './routes/ImportPage';

const importRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/import',
  component: ImportPage,
});

/** The pages of this part of the catalogue, put in the route tree by `../routes.tsx`. */
export const catalogueImportRoutes = [importRoute] as const;
