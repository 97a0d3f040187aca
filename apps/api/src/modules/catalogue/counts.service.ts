import { CARD_STATUSES, type Areas, type CardCounts, type ReviewQueueCounts } from '@dargah/contracts';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { requireStaff } from '../../platform/actor';
import { agenciesWithRole, hasRole, isCentral } from '../organisation';
import { cardAgencies, reviewScope } from './catalogue.service';
import { AUTHOR_ROLES } from './catalogue-workflow';
import * as repo from './catalogue.repository';
import { CatalogueError } from './catalogue.errors';

/*
 * What the staff home needs from the catalogue: which of its areas the actor may open, and the
 * counts on their sections. Each answer applies the scope the area's own list applies.
 */

/** The catalogue's areas for the actor (see AppModule.areas). */
export async function catalogueAreas(ctx: AppContext, actor: Actor): Promise<Partial<Areas>> {
  if (actor.type !== 'staff') return {};
  const review = await reviewScope(ctx.database.db, actor);
  const drafting = agenciesWithRole(actor, AUTHOR_ROLES).length > 0;
  const administers = hasRole(actor, ['agency_admin']);
  return {
    // Every staff member may read their own agency's cards and licences (cardScope, readScope);
    // these areas are offered to those whose work they are: authors, administrators, central roles.
    catalogue: drafting || administers || isCentral(actor),
    licences: administers || isCentral(actor),
    // The same rules createCard, reviewQueue and reviewList apply (the architecture and the reports
    // answer their own areas: service-architecture/index.ts, delivery-reports/index.ts).
    catalogueDrafting: drafting,
    catalogueReview: review.central || review.children.length > 0,
    deliveryReview: isCentral(actor),
  };
}

/** GET /catalogue/cards/counts: the cards listCards would show the actor, by status. */
export async function cardCounts(ctx: AppContext, actor: Actor): Promise<CardCounts> {
  requireStaff(actor);
  const db = ctx.database.db;
  const found = new Map((await repo.countCardsByStatus(db, await cardAgencies(db, actor))).map((r) => [r.status, r.n]));
  const byStatus = Object.fromEntries(CARD_STATUSES.map((s) => [s, found.get(s) ?? 0])) as CardCounts['byStatus'];
  return { byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) };
}

/** GET /catalogue/review-queue/counts: the size of the queue reviewQueue would list for the actor. */
export async function reviewQueueCounts(ctx: AppContext, actor: Actor): Promise<ReviewQueueCounts> {
  requireStaff(actor);
  const db = ctx.database.db;
  const { central, children } = await reviewScope(db, actor);
  const parentReviewer = children.length > 0;
  if (!central && !parentReviewer) throw new CatalogueError('FORBIDDEN', { need: ['central_reviewer', 'agency_admin'] });
  const n = await repo.countReviewQueue(db, children, ctx.clock.now());
  const out = {
    central: central ? n.central : null,
    renewal: central ? n.renewal : null,
    parent: parentReviewer ? n.parent : null,
    parentOverdue: parentReviewer ? n.parentOverdue : null,
  };
  return { ...out, total: (out.central ?? 0) + (out.renewal ?? 0) + (out.parent ?? 0) };
}
