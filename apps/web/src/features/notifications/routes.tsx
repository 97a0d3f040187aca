import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { citizenAreaRoute } from '../../app/areas';

const inboxRoute = createRoute({
  getParentRoute: () => citizenAreaRoute,
  path: 'messages',
  component: lazyRouteComponent(() => import('./routes/InboxPage'), 'InboxPage'),
});
const preferencesRoute = createRoute({
  getParentRoute: () => citizenAreaRoute,
  path: 'messages/settings',
  component: lazyRouteComponent(() => import('./routes/PreferencesPage'), 'PreferencesPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const notificationRoutes = { citizenArea: [inboxRoute, preferencesRoute] } as const;
