import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { citizenRoute, serverPage, staffRoute } from '../../app/areas';
import { validateReturnToSearch, validateStaffSignInSearch } from '../../lib/returnTo';
import { StaffSignInPage } from './routes/StaffSignInPage';

/*
 * The citizen sign-in is rendered and answered on the server (ADR 0018): the single-page app never
 * shows it, so its page and its server side are loaded only where they are used (the server entry,
 * or the Vite development server's fallback), not in the app's first load.
 */
const citizenSignIn = () => import('./citizenSignIn');
const citizenSignInRoute = createRoute({
  getParentRoute: () => citizenRoute,
  path: 'sign-in',
  validateSearch: validateReturnToSearch,
  component: lazyRouteComponent(() => import('./routes/CitizenSignInPage'), 'CitizenSignInPage'),
  ...serverPage({
    action: async (form, search) => (await citizenSignIn()).citizenSignInAction(form, search),
    redirect: async (search) => (await citizenSignIn()).signedInCitizenGoesOn(search),
  }),
});
const staffSignInRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'sign-in',
  validateSearch: validateStaffSignInSearch,
  component: StaffSignInPage,
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const identityRoutes = { citizen: [citizenSignInRoute], staff: [staffSignInRoute] } as const;
