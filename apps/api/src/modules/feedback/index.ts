import type { AppModule } from '../../platform/module';
import { feedbackErrors } from './feedback.errors';
import { feedbackAgencies } from './feedback.policy';
import { feedbackRoutes } from './feedback.routes';

/** For the desk scorecard: how many of some requests were rated (and 4–5), per agency. */
export { ratingsOfRequests } from './feedback.repository';

/**
 * The applicants' ratings of their closed requests (issue 11 §10): given once per request,
 * aggregated per agency, service and office for unit managers and administrators, low ratings with
 * their comments for unit managers. A module of its own beside the desk: it owns its table and asks
 * the requests module (its index.ts) whether a request is the rater's and closed, so the desk's
 * workflow and the ratings change apart.
 */
export const feedbackModule: AppModule = {
  name: 'feedback',
  errors: [feedbackErrors],
  register: feedbackRoutes,
  areas: (_ctx, actor) => ({ feedback: actor.type === 'staff' && feedbackAgencies(actor).length > 0 }),
};
