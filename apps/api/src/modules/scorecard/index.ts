import type { AppModule } from '../../platform/module';
import { scorecardErrors } from './scorecard.errors';
import { scorecardScope } from './scorecard.policy';
import { scorecardRoutes } from './scorecard.routes';

/**
 * The desk evaluation scorecard (issue 11 item 12, ADR 0032): ten criteria per agency and province
 * for one Jalali year, counted from the catalogue, the desk's services, its requests and the
 * applicants' ratings (each through its owner's index.ts). Owns no table.
 */
export const scorecardModule: AppModule = {
  name: 'scorecard',
  errors: [scorecardErrors],
  register: scorecardRoutes,
  areas: (_ctx, actor) => ({ deskScorecard: actor.type === 'staff' && scorecardScope(actor) !== undefined }),
};
