import { createRoute } from '@tanstack/react-router';
import { adminAreaRoute, staffRoute } from '../../app/areas';
import { AdminHomePage } from './routes/AdminHomePage';
import { AgencyPage } from './routes/AgencyPage';
import { StaffPage } from './routes/StaffPage';
import { StaffResetPasswordPage, validateResetSearch } from './routes/StaffResetPasswordPage';

const staffResetPasswordRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'reset-password',
  validateSearch: validateResetSearch,
  component: StaffResetPasswordPage,
});
const adminHomeRoute = createRoute({ getParentRoute: () => adminAreaRoute, path: '/', component: AdminHomePage });
const agencyRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId',
  component: AgencyPage,
});
const staffMemberRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId/staff/$staffId',
  component: StaffPage,
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const organisationRoutes = {
  staff: [staffResetPasswordRoute],
  adminArea: [adminHomeRoute, agencyRoute, staffMemberRoute],
} as const;
