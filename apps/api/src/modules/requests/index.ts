import type { AppModule } from '..';
import { requestsRoutes } from './requests.routes';
import { registerRequestsErrors } from './requests.errors';

registerRequestsErrors();

/** The service desk: citizens submit requests, agency staff work them from the cartable. */
export const requestsModule: AppModule = {
  name: 'requests',
  register: requestsRoutes,
};
