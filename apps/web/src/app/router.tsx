import type { QueryClient } from '@tanstack/react-query';
import { createRouter, type RouterHistory } from '@tanstack/react-router';
import { auditRoutes } from '../features/audit';
import { calendarRoutes } from '../features/calendar';
import { catalogueRoutes } from '../features/catalogue';
import { channelRoutes } from '../features/channels';
import { citizenRoutes } from '../features/citizen';
import { deliveryReportRoutes } from '../features/delivery-reports';
import { deskReportRoutes } from '../features/desk-reports';
import { deskScorecardRoutes } from '../features/desk-scorecard';
import { documentRoutes } from '../features/documents';
import { feedbackRoutes } from '../features/feedback';
import { identityRoutes } from '../features/identity';
import { licenceRoutes } from '../features/licences';
import { notificationRoutes } from '../features/notifications';
import { paymentRoutes } from '../features/payments';
import { organisationRoutes } from '../features/organisation';
import { workflowRoutes } from '../features/workflows';
import { portalRoutes } from '../features/portal';
import { requestRoutes } from '../features/requests';
import { serviceArchitectureRoutes } from '../features/service-architecture';
import { serviceRoutes } from '../features/services';
import { staffRoutes } from '../features/staff';
import {
  adminAreaRoute,
  adminRoute,
  citizenAreaRoute,
  citizenRoute,
  rootRoute,
  staffAreaRoute,
  staffRoute,
  type RouterContext,
} from './areas';
import { NotFoundPage } from './NotFoundPage';
import { PageLoading } from './PageLoading';

export type { RouterContext };

/*
 * The route tree: the areas of `areas.tsx`, each holding the pages the features declare for it in
 * their `routes.tsx` (exported by their `index.ts`).
 */
export const routeTree = rootRoute.addChildren([
  ...portalRoutes.root,
  ...serviceRoutes.root,
  ...catalogueRoutes.root,
  ...documentRoutes.root,
  ...requestRoutes.root,
  citizenRoute.addChildren([
    ...identityRoutes.citizen,
    citizenAreaRoute.addChildren([
      ...citizenRoutes.citizenArea,
      ...serviceRoutes.citizenArea,
      ...requestRoutes.citizenArea,
      ...notificationRoutes.citizenArea,
      ...paymentRoutes.citizenArea,
    ]),
  ]),
  staffRoute.addChildren([
    ...identityRoutes.staff,
    ...organisationRoutes.staff,
    staffAreaRoute.addChildren([
      ...channelRoutes.staffArea,
      ...staffRoutes.staffArea,
      ...catalogueRoutes.staffArea,
      ...serviceArchitectureRoutes.staffArea,
      ...licenceRoutes.staffArea,
      ...deliveryReportRoutes.staffArea,
      ...deskReportRoutes.staffArea,
      ...deskScorecardRoutes.staffArea,
      ...auditRoutes.staffArea,
      ...calendarRoutes.staffArea,
      ...documentRoutes.staffArea,
      ...requestRoutes.staffArea,
      ...feedbackRoutes.staffArea,
    ]),
  ]),
  adminRoute.addChildren([adminAreaRoute.addChildren([...organisationRoutes.adminArea, ...workflowRoutes.adminArea])]),
]);

/** The app's router; the server rendering (ADR 0018) gives a memory history of the address asked for. */
export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({
    routeTree,
    // On the server: no scroll restoration (it would write an inline script into the page).
    ...(history ? { history, isServer: true } : {}),
    context: { queryClient },
    defaultPreload: 'intent',
    // Data is cached by TanStack Query: let the router run guards and loaders every time.
    defaultPreloadStaleTime: 0,
    scrollRestoration: !history,
    defaultNotFoundComponent: NotFoundPage,
    // While a page's code loads (staff, administration and form pages are loaded on first use),
    // after `defaultPendingMs` (1 s): a spinner with words, announced politely (role="status").
    defaultPendingComponent: PageLoading,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
