import { Feedback, FeedbackState, FeedbackSummary, GiveFeedback, LowRating, Page } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { feedbackState, feedbackSummary, giveFeedback, listLowRatings } from './feedback.service';

const tags = ['feedback'];
const Id = z.object({ id: z.uuid() });

export async function feedbackRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/requests/:id/feedback',
    {
      config: { access: 'citizen' },
      schema: { tags, summary: 'Your rating of your request, and whether you may rate it now (once it is closed, once)', params: Id, response: { 200: FeedbackState } },
    },
    async (req) => feedbackState(ctx, req.actor, req.params.id),
  );

  r.post(
    '/requests/:id/feedback',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'Rate your closed request 1–5 with an optional comment (once)',
        description:
          'Only the applicant (or, for a company, its representatives), only once the request is closed (409 FEEDBACK_REQUEST_OPEN), only once (409 FEEDBACK_ALREADY_GIVEN: the first rating stays). The comment is normalised (Arabic ي/ك folded, spaces collapsed), at most 1000 characters.',
        params: Id,
        body: GiveFeedback,
        response: { 201: Feedback },
      },
    },
    async (req, reply) => reply.status(201).send(await giveFeedback(ctx, req.actor, req.origin, req.params.id, req.body)),
  );

  r.get(
    '/feedback/summary',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Ratings per agency, service and office of the agencies where you are a unit manager or administrator',
        description: 'from/to: an optional period [from, to) of when the ratings were given.',
        querystring: z.object({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() }),
        response: { 200: FeedbackSummary },
      },
    },
    async (req) =>
      feedbackSummary(ctx, req.actor, { from: req.query.from ? new Date(req.query.from) : undefined, to: req.query.to ? new Date(req.query.to) : undefined }, req.lang),
  );

  r.get(
    '/feedback/low',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Low ratings (1–2) with their comments, newest first, for the unit managers of the requests’ units',
        querystring: z.object({ cursor: z.string().max(1000).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: Page(LowRating) },
      },
    },
    async (req) => listLowRatings(ctx, req.actor, req.query, req.lang),
  );
}
