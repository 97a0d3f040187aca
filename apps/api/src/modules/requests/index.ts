import type { AppModule } from '../../platform/module';
import { requestsErrors } from './requests.errors';
import { cartableErrors } from './cartable.errors';
import { cartableRoutes } from './cartable.routes';
import { requestsRoutes } from './requests.routes';
import { answerErrors } from './answer.errors';
import { answerRoutes } from './answer.routes';
import { interactionErrors } from './interaction.errors';
import { interactionRoutes } from './interaction.routes';
import { uploadsErrors } from './uploads.errors';
import { uploadsRoutes } from './uploads.routes';
import { deskReportsErrors } from './desk-reports.errors';
import { deskReportAgencies } from './desk-reports.policy';
import { deskReportsRoutes } from './desk-reports.routes';
import { defineRequestsJobs } from './requests.jobs';
import { runRequestTimers } from './request-timers.service';
import { sweepUnusedUploads } from './uploads.service';
import { trackingRoutes } from './request-tracking.routes';
import { callCentreAgencies, deskAgencies } from './requests.policy';
import { overdueByAgency } from './requests.repository';
import { trackingCodesOf } from './request-tracking.service';
import { onTrackingCodes } from '../payments';

export { requestVisibleTo } from './requests.service';
/** For the channels module: a request entered for a citizen by staff (counter, in-person desk), and the unit a grant is held in. */
export { onPostalChosen, submitRequest } from './requests.service';
export type { PostalChoiceHook, SubmissionChannel } from './requests.service';
export { servingUnit } from './requests.policy';
export { RequestView } from './request-views.schemas';
export { onAnswerIssued } from './answer.service';
/** For the feedback module: one request's facts for its applicant, and tracking codes by id. */
export { requestFactsForApplicant, trackingCodesOf } from './request-tracking.service';
export type { RequestFacts } from './request-tracking.service';
/** For the delivery reports' discrepancy report: requests received per desk service in a period. */
export { requestActivity } from './requests.repository';
export type { RequestActivity } from './requests.repository';
/** For the desk scorecard: per-agency request counts of a period, the ids decided in it, and who may read the desk's reports. */
export { decidedRequestIds, scorecardRequestFacts } from './desk-reports.repository';
export { signedAnswerCounts } from './answer.service';
export type { ScorecardRequestFacts } from './desk-reports.repository';
/** The service desk: citizens submit requests, agency staff work them from the cartable; the desk reports. */
export const requestsModule: AppModule = {
  name: 'requests',
  errors: [requestsErrors, deskReportsErrors, cartableErrors, answerErrors, interactionErrors, uploadsErrors],
  async register(app, ctx) {
    // The payer's list of payments shows the tracking code of the request that spent each.
    onTrackingCodes(trackingCodesOf);
    await requestsRoutes(app, ctx);
    await cartableRoutes(app, ctx);
    await answerRoutes(app, ctx);
    await interactionRoutes(app, ctx);
    await uploadsRoutes(app, ctx);
    await trackingRoutes(app, ctx);
    await deskReportsRoutes(app, ctx);
  },
  // The answer days' backfill, the workflow timers (escalations, deadlines) of open requests, and the sweep of unused uploads.
  defineJobs: (ctx) => defineRequestsJobs(ctx, (now) => runRequestTimers(ctx, now), () => sweepUnusedUploads(ctx)),
  // The cartable lists the requests of the agencies where the actor holds a desk role (listCartable).
  // The desk reports: an agency's managers for their agencies, central roles for all (deskReport).
  // The call centre: operators of an agency look its requests up after checking the caller.
  areas: (_ctx, actor) => ({
    cartable: actor.type === 'staff' && deskAgencies(actor).length > 0,
    deskReports: actor.type === 'staff' && deskReportAgencies(actor) !== undefined,
    callCentre: actor.type === 'staff' && callCentreAgencies(actor).length > 0,
  }),
  gauges: [
    {
      name: 'dargah_requests_overdue',
      help: 'Open requests (submitted, in review) past their answer date, by agency: the desk SLA breaches',
      labelNames: ['agency_id'],
      read: overdueByAgency,
    },
  ],
};
/** For the benches: tracking codes as the desk issues them (a Damm check digit). */
export { newTrackingCode } from './tracking-code.model';
