import { createRoute } from '@tanstack/react-router';
import { citizenAreaRoute } from '../../app/areas';
import { InboxPage } from './routes/InboxPage';
import { PreferencesPage } from './routes/PreferencesPage';

const inboxRoute = createRoute({ getParentRoute: () => citizenAreaRoute, path: 'messages', component: InboxPage });
const preferencesRoute = createRoute({ getParentRoute: () => citizenAreaRoute, path: 'messages/settings', component: PreferencesPage });

/** The pages of this feature, put in the route tree by `app/router.tsx`. */
export const notificationRoutes = [inboxRoute, preferencesRoute] as const;
