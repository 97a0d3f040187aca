import { CallCentreDesk, CallCentreLookup, CallCentreLookupQuery, PublicTracking, PublicTrackQuery } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';
import { limitPerAddress } from '../../platform/rate-limit';
import { callCentreDesk, callCentreLookup, trackPublicly } from './request-tracking.service';
import { TrackingCode } from './requests.routes';

const tags = ['requests'];
/**
 * Public tracking a minute per client address: a person checks a few codes, a script guessing pairs
 * is stopped. Like the citizen's one-time code request, half the sign-in limit (10 by default): both
 * test who someone is.
 */
export const trackPerMinute = (ctx: AppContext): number => Math.ceil(ctx.config.SIGN_IN_RATE_PER_MINUTE / 2);

/** Public tracking (no sign-in) and the call centre's lookup (issue 11 §8, §9). */
export async function trackingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/requests/track',
    {
      config: { access: 'public' },
      onRequest: limitPerAddress(ctx, 'rate:request-track', trackPerMinute(ctx)),
      schema: {
        tags,
        summary: 'Track a request without signing in: its tracking code and the applicant’s national code (Persian digits accepted)',
        description:
          'Answers the service, the status in plain words, the steps with Jalali dates (who acted only as a role), what is expected of the applicant now and the due date; never the form, the applicant or notes. A wrong national code and an unknown code answer alike (404 TRACKING_NOT_FOUND). Rate-limited per client address.',
        body: PublicTrackQuery.extend({ trackingCode: TrackingCode }),
        response: { 200: PublicTracking },
      },
    },
    async (req) => trackPublicly(ctx, req.body, req.lang),
  );

  r.get(
    '/call-centre',
    {
      config: { access: 'staff' },
      schema: { tags, summary: 'The call centre: the agencies whose requests the operator answers callers about (call-centre operators)', response: { 200: CallCentreDesk } },
    },
    async (req) => callCentreDesk(ctx, req.actor, req.lang),
  );

  r.post(
    '/call-centre/lookups',
    {
      config: { access: 'staff', errors: ['RATE_LIMITED'] },
      schema: {
        tags,
        summary: 'A request’s status by tracking code after the caller’s identity check (call-centre operators); every lookup is audited',
        description:
          'The caller states their national code and the last four digits of the mobile on file; both must be the applicant’s and the request one of the operator’s agencies. Otherwise 404 CALLER_NOT_VERIFIED, whichever fact was wrong. Limited per operator (429 with Retry-After).',
        body: CallCentreLookupQuery.extend({ trackingCode: TrackingCode }),
        response: { 200: CallCentreLookup },
      },
    },
    async (req) => callCentreLookup(ctx, req.actor, req.origin, req.body, req.lang),
  );
}
