import { z } from 'zod';
import { CARD_STATUSES } from './catalogue';

/*
 * Counts the staff home shows on its sections (issue 8 §2): each comes from the module that owns
 * the objects, over exactly the objects its lists would show the same person.
 */

const count = z.number().int().min(0);

/** GET /catalogue/cards/counts: the cards the caller may see, by status (every status present). */
export const CardCounts = z.object({
  byStatus: z.object(Object.fromEntries(CARD_STATUSES.map((s) => [s, count])) as Record<(typeof CARD_STATUSES)[number], typeof count>),
  total: count,
});
export type CardCounts = z.infer<typeof CardCounts>;

/**
 * GET /catalogue/review-queue/counts: the caller's review queue. `central` and `renewal` are null
 * for someone who is not a central reviewer, `parent` and `parentOverdue` null for someone who
 * administers no parent agency.
 */
export const ReviewQueueCounts = z.object({
  central: count.nullable(),
  renewal: count.nullable(),
  parent: count.nullable(),
  /** Of `parent`: past their week, so on their way to central review. */
  parentOverdue: count.nullable(),
  total: count,
});
export type ReviewQueueCounts = z.infer<typeof ReviewQueueCounts>;
