import { CardCounts, ReviewQueueCounts } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';
import { cardCounts, reviewQueueCounts } from './counts.service';

const tags = ['catalogue'];
const staff = { access: 'staff' as const };

/** Counts for the staff home's catalogue sections. */
export async function countsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/catalogue/cards/counts',
    {
      config: staff,
      schema: {
        tags,
        summary: 'How many of the cards you may see are in each status (the same cards GET /catalogue/cards lists)',
        response: { 200: CardCounts },
      },
    },
    (req) => cardCounts(ctx, req.actor),
  );
  r.get(
    '/catalogue/review-queue/counts',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'The size of your review queue: cards in central and renewal review (central reviewers), sub-agencies’ cards in parent review (parent administrators)',
        response: { 200: ReviewQueueCounts },
      },
    },
    (req) => reviewQueueCounts(ctx, req.actor),
  );
}
