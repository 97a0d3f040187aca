import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminAreaRoute } from '../../app/areas';

/** A service version's workflow: the administrators' editor with its diagram (ADR 0034). */
const workflowEditorRoute = createRoute({
  getParentRoute: () => adminAreaRoute,
  path: 'agencies/$agencyId/services/$serviceId/versions/$no/workflow',
  component: lazyRouteComponent(() => import('./routes/WorkflowEditorPage'), 'WorkflowEditorPage'),
});

/** The pages of this feature by the area they belong to, put in the route tree by `app/router.tsx`. */
export const workflowRoutes = { adminArea: [workflowEditorRoute] } as const;
