import type { AppModule } from '..';
import { requestsRoutes } from './requests.routes';
import { registerRequestsErrors } from './requests.errors';
import { deskAgencies } from './requests.policy';

export { requestVisibleTo } from './requests.service';

registerRequestsErrors();

/** The service desk: citizens submit requests, agency staff work them from the cartable. */
export const requestsModule: AppModule = {
  name: 'requests',
  register: requestsRoutes,
  // The cartable lists the requests of the agencies where the actor holds a desk role (listCartable).
  areas: (_ctx, actor) => ({ cartable: actor.type === 'staff' && deskAgencies(actor).length > 0 }),
};
