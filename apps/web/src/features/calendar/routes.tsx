import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { validateCalendarSearch } from './api';

const calendarRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'calendar',
  validateSearch: validateCalendarSearch,
  component: lazyRouteComponent(() => import('./routes/CalendarPage'), 'CalendarPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const calendarRoutes = { staffArea: [calendarRoute] } as const;
