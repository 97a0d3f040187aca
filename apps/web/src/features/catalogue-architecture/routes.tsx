import { createRoute } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { ArchitecturePage } from './routes/ArchitecturePage';

const architectureRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/architecture',
  component: ArchitecturePage,
});

/** The pages of this feature, put in the route tree by `app/router.tsx`. */
export const catalogueArchitectureRoutes = [architectureRoute] as const;
