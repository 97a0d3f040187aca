import { createRoute } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { LicencesPage } from './routes/LicencesPage';

const licencesRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/licences',
  component: LicencesPage,
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const licenceRoutes = { staffArea: [licencesRoute] } as const;
