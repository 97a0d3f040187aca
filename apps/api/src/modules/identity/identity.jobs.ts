import type { AppContext } from '../../platform/context';
import { createSmsJob } from '../../platform/integrations/sms';

/** Registers the identity module's jobs: SMS delivery through the configured gateway. */
export function defineIdentityJobs(ctx: AppContext): void {
  ctx.jobs.define(createSmsJob(ctx.sms));
}
