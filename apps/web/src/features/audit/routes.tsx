import { createRoute } from '@tanstack/react-router';
import { staffAreaRoute } from '../../app/areas';
import { validateAuditSearch } from './api';
import { AuditEntryPage } from './routes/AuditEntryPage';
import { AuditLogPage } from './routes/AuditLogPage';

const auditLogRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'audit',
  validateSearch: validateAuditSearch,
  component: AuditLogPage,
});
const auditEntryRoute = createRoute({
  getParentRoute: () => staffAreaRoute,
  path: 'audit/$entryId',
  component: AuditEntryPage,
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const auditRoutes = { staffArea: [auditLogRoute, auditEntryRoute] } as const;
