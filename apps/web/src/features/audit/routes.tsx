import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { validateAuditSearch } from './api';

const auditLogRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'audit',
  validateSearch: validateAuditSearch,
  component: lazyRouteComponent(() => import('./routes/AuditLogPage'), 'AuditLogPage'),
});
const auditEntryRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'audit/$entryId',
  component: lazyRouteComponent(() => import('./routes/AuditEntryPage'), 'AuditEntryPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const auditRoutes = { staffArea: [auditLogRoute, auditEntryRoute] } as const;
