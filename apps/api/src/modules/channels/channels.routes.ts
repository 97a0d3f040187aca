import { ConsentChallenge, ConsentStart, CounterDesk, CounterSubmit, CounterWorkPage, CounterWorkQuery, PostalRetry, RequestChannelView, WalkInConsentStart, WalkInDesk, WalkInSubmit } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { RequestView } from '../requests';
import { counterDesk, counterWork, requestChannel, retryPostal, startCounterConsent, startWalkInConsent, submitAtCounter, submitWalkIn, walkInDesk } from './channels.service';

const tags = ['channels'];
const staff = { access: 'staff' as const };
const Id = z.object({ id: z.uuid() });

/** Requests entered for citizens at counter offices and in-person desks, and the agency's oversight of the counters. */
export async function channelsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/counter',
    { config: staff, schema: { tags, summary: "The counter operator's desk: their office and the services delegated to it, each with its form", response: { 200: CounterDesk } } },
    (req) => counterDesk(ctx, req.actor, req.lang),
  );
  r.post(
    '/counter/consents',
    {
      config: staff,
      schema: {
        tags,
        summary: "Send the citizen a consent code (counter operator): the mobile must be registered to the national code (Shahkar); MOBILE_NOT_OWNED otherwise",
        body: ConsentStart,
        response: { 201: ConsentChallenge },
      },
    },
    async (req, reply) => reply.status(201).send(await startCounterConsent(ctx, req.actor, req.origin, req.body, req.lang)),
  );
  r.post(
    '/counter/requests',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Submit a request for the citizen at the counter (counter operator), with their consent and the code they read out; only services delegated to the office',
        description: 'The applicant is the citizen (the request appears in their requests); the request records channel counter, the office and the operator. A consent is spent by one request: another submission with it is CONSENT_USED, five wrong codes CONSENT_TOO_MANY_ATTEMPTS. Send an Idempotency-Key header to make retries safe.',
        headers: IdempotencyHeaders,
        body: CounterSubmit,
        response: { 201: RequestView },
      },
    },
    async (req, reply) => sendReplayable(reply, await submitAtCounter(ctx, req.actor, req.origin, req.body, req.lang, claimFrom(req, 'counter.submit'))),
  );

  r.get(
    '/walk-in',
    { config: staff, schema: { tags, summary: "The in-person desk (desk clerk): the agency's published citizen services, each with its form", response: { 200: WalkInDesk } } },
    (req) => walkInDesk(ctx, req.actor, req.lang),
  );
  r.post(
    '/walk-in/consents',
    { config: staff, schema: { tags, summary: 'Send the walk-in citizen a consent code (desk clerk of the agency)', body: WalkInConsentStart, response: { 201: ConsentChallenge } } },
    async (req, reply) => reply.status(201).send(await startWalkInConsent(ctx, req.actor, req.origin, req.body)),
  );
  r.post(
    '/walk-in/requests',
    {
      config: staff,
      schema: {
        tags,
        summary: "Register a walk-in request (desk clerk): identity by the citizen's consent code, or the clerk attests they saw the original national card",
        description: 'The request records channel in_person and the clerk’s unit; the attestation is kept in its event and audit entry. Send an Idempotency-Key header to make retries safe.',
        headers: IdempotencyHeaders,
        body: WalkInSubmit,
        response: { 201: RequestView },
      },
    },
    async (req, reply) => sendReplayable(reply, await submitWalkIn(ctx, req.actor, req.origin, req.body, req.lang, claimFrom(req, 'walk-in.submit'))),
  );

  r.get(
    '/agencies/:id/counter-work',
    {
      config: staff,
      schema: {
        tags,
        summary: "The counters' requests on the agency's services (agency administrators, unit managers): who, when, what, which office; filter by office and Jalali dates",
        params: Id,
        querystring: CounterWorkQuery,
        response: { 200: CounterWorkPage },
      },
    },
    (req) => counterWork(ctx, req.actor, req.params.id, req.query, req.lang),
  );
  r.get(
    '/requests/:id/channel',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'How the request came in (online, counter, in person) and its postal dispatch: for its applicant, or desk staff of its agency', params: Id, response: { 200: RequestChannelView } },
    },
    (req) => requestChannel(ctx, req.actor, req.params.id),
  );
  r.post(
    '/requests/:id/channel/postal-retry',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Send a failed postal dispatch again (desk staff of the request’s agency), optionally to a corrected address',
        description:
          'Only a failed dispatch (POSTAL_NOT_FAILED otherwise): it becomes due now with a fresh round of attempts, and the postal job hands it to the post. The fields given correct the address (the others are kept); a corrected address is a new item for the post (a new reference). Another agency’s staff and an unknown request get REQUEST_NOT_FOUND. Send an Idempotency-Key header to make retries safe.',
        params: Id,
        headers: IdempotencyHeaders,
        body: PostalRetry,
        response: { 200: RequestChannelView },
      },
    },
    async (req, reply) => sendReplayable(reply, await retryPostal(ctx, req.actor, req.origin, req.params.id, req.body, claimFrom(req, `postal_dispatch.retry:${req.params.id}`))),
  );
}
