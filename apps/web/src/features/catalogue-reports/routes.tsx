import { createRoute } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { ReportsPage } from './routes/ReportsPage';

const reportsRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'catalogue/reports',
  component: ReportsPage,
});

/** The pages of this feature, put in the route tree by `app/router.tsx`. */
export const catalogueReportRoutes = [reportsRoute] as const;
