import { createRoute } from '@tanstack/react-router';
import { citizenRoute, serverPage, staffRoute } from '../../app/areas';
import { citizenSignInAction } from './citizenSignIn';
import { validateReturnToSearch, validateStaffSignInSearch } from '../../lib/returnTo';
import { CitizenSignInPage } from './routes/CitizenSignInPage';
import { StaffSignInPage } from './routes/StaffSignInPage';

const citizenSignInRoute = createRoute({
  getParentRoute: () => citizenRoute,
  path: 'sign-in',
  validateSearch: validateReturnToSearch,
  component: CitizenSignInPage,
  ...serverPage(citizenSignInAction),
});
const staffSignInRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'sign-in',
  validateSearch: validateStaffSignInSearch,
  component: StaffSignInPage,
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const identityRoutes = { citizen: [citizenSignInRoute], staff: [staffSignInRoute] } as const;
