import type { AppModule } from '../../platform/module';
import { paymentsErrors } from './payments.errors';
import { paymentsRoutes } from './payments.routes';
import { definePaymentsJobs } from './payments.service';

/** For the requests module: the payment a submission must spend, spending it in the submission's transaction, and what requests show of it. */
export { paymentToSpend, paymentsOfRequests, spendPayment } from './payments.service';
/** For the requests module: how the payer's list of payments learns the tracking codes of the requests that spent them. */
export { onTrackingCodes } from './payments.service';
export type { TrackingCodes } from './payments.service';
export { PaymentsError } from './payments.errors';

/** Fees of desk services paid through the internet payment gateway, spent once by a submission (ADR 0037). */
export const paymentsModule: AppModule = {
  name: 'payments',
  errors: [paymentsErrors],
  register: (app, ctx) => paymentsRoutes(app, ctx),
  // Payments left started and owed reversals, reconciled with the gateway (ADR 0040).
  defineJobs: definePaymentsJobs,
};
