import type { Feedback, FeedbackState, FeedbackSummary, LowRating } from '@dargah/contracts';
import { requireCitizen, requireStaff, type Actor, type RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor';
import type { Lang } from '../../platform/http/i18n';
import { fieldMessage } from '../../platform/http/validation';
import { agenciesByIds } from '../organisation';
import { requestFactsForApplicant, trackingCodesOf } from '../requests';
import { servicesByIds } from '../services';
import { addTo, type Tally } from './feedback.model';
import { FEEDBACK_READERS, feedbackAgencies, lowRatingScope, mayReadLowRatings } from './feedback.policy';
import * as repo from './feedback.repository';
import { FeedbackError } from './feedback.errors';

/*
 * The applicants' ratings of their closed requests (issue 11 §10). One per request, given once: a
 * second is refused (FEEDBACK_ALREADY_GIVEN) rather than replacing the first, so the aggregates
 * never move under a manager who has read them and a rating cannot be retried into a better one.
 * The facts of the request (its agency, service, unit, whether it is closed) are the requests
 * module's, asked through its index.ts in the same transaction.
 */

const view = (f: repo.FeedbackRecord): Feedback => ({ requestId: f.requestId, rating: f.rating, comment: f.comment, givenAt: f.createdAt.toISOString() });

/** The applicant's rating of their request, and whether they may give one now. Anyone else: 404. */
export async function feedbackState(ctx: AppContext, actor: Actor, requestId: string): Promise<FeedbackState> {
  requireCitizen(actor);
  const db = ctx.database.db;
  const r = await requestFactsForApplicant(db, actor, requestId);
  const given = await repo.findFeedback(db, r.id);
  return { feedback: given ? view(given) : null, mayRate: r.closed && !given };
}

/**
 * The applicant rates a closed request 1–5 with an optional comment (normalised by the contract;
 * empty counts as none). Its event and audit entry commit with it. An open request is refused
 * (FEEDBACK_REQUEST_OPEN), a second rating too (FEEDBACK_ALREADY_GIVEN: the first stays), whoever
 * else asks is told the request does not exist.
 */
export async function giveFeedback(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  input: { rating: number; comment?: string | undefined },
): Promise<Feedback> {
  requireCitizen(actor);
  const now = ctx.clock.now();
  const comment = input.comment ? input.comment : null;
  return withTransaction(ctx.database, async (tx) => {
    const r = await requestFactsForApplicant(tx.db, actor, requestId);
    if (!r.closed) throw new FeedbackError('FEEDBACK_REQUEST_OPEN', { requestId });
    const stored = await repo.insertFeedback(tx.db, { requestId: r.id, agencyId: r.agencyId, serviceId: r.serviceId, unitId: r.unitId, applicantId: r.applicantId, rating: input.rating, comment }, now);
    if (!stored) throw new FeedbackError('FEEDBACK_ALREADY_GIVEN', { requestId });
    await recordChange(tx, { actor, origin, at: now }, {
      stream: repo.STREAM,
      id: r.id,
      event: 'given',
      audit: 'request_feedback.give',
      agencyId: r.agencyId,
      details: { trackingCode: r.trackingCode, rating: input.rating, withComment: comment !== null },
      payload: { rating: input.rating, ...(comment ? { comment } : {}) },
    });
    return view(stored);
  });
}

const title = (lang: Lang, fa: string | undefined, en: string | null | undefined) => (lang === 'en' && en) || fa || '';

/** Aggregates per agency, service and unit, of the agencies where the actor reads ratings; an optional period [from, to). */
export async function feedbackSummary(ctx: AppContext, actor: Actor, q: { from?: Date | undefined; to?: Date | undefined }, lang: Lang): Promise<FeedbackSummary> {
  requireStaff(actor);
  const agencyIds = feedbackAgencies(actor);
  if (agencyIds.length === 0) throw new FeedbackError('FORBIDDEN', { need: FEEDBACK_READERS });
  if (q.from && q.to && q.from >= q.to) {
    throw new FeedbackError('VALIDATION_FAILED', { fields: [{ field: 'querystring.to', code: 'too_small', message: fieldMessage('too_small', lang) }] });
  }
  const db = ctx.database.db;
  const counts = await repo.ratingCounts(db, { agencyIds, from: q.from, to: q.to });
  const agencies = new Map<string, Tally>();
  const services = new Map<string, Tally>();
  const units = new Map<string, Tally>();
  const serviceAgency = new Map<string, string>();
  for (const c of counts) {
    addTo(agencies, c.agencyId, c.rating, c.n);
    addTo(services, c.serviceId, c.rating, c.n);
    addTo(units, `${c.agencyId}|${c.unitId ?? ''}`, c.rating, c.n);
    serviceAgency.set(c.serviceId, c.agencyId);
  }
  const [agencyNames, serviceTitles] = await Promise.all([agenciesByIds(db, [...agencies.keys()]), servicesByIds(db, [...services.keys()])]);
  return {
    agencies: [...agencies].map(([agencyId, t]) => ({ agencyId, agencyName: title(lang, agencyNames.get(agencyId)?.nameFa, agencyNames.get(agencyId)?.nameEn), ...t })),
    services: [...services].map(([serviceId, t]) => ({
      serviceId,
      serviceTitle: title(lang, serviceTitles.get(serviceId)?.titleFa, serviceTitles.get(serviceId)?.titleEn),
      agencyId: serviceAgency.get(serviceId)!,
      ...t,
    })),
    units: [...units].map(([key, t]) => {
      const [agencyId, unitId] = key.split('|') as [string, string];
      return { agencyId, unitId: unitId || null, unitName: null, ...t };
    }),
  };
}

// Keyset cursors of [createdAt, id] of the last row shown (platform/http/cursor.ts).
const encodeCursor = (f: repo.FeedbackRecord) => encodeTimeCursor(f.createdAt, f.id);
function decodeCursor(cursor: string | undefined, lang: Lang): repo.Keyset | undefined {
  const k = decodeTimeCursor(cursor, lang);
  return k && { createdAt: k.at, id: k.id };
}

/** Ratings of 1–2 with their comments, newest first, for the unit managers of the requests' units. */
export async function listLowRatings(ctx: AppContext, actor: Actor, q: { cursor?: string | undefined; limit: number }, lang: Lang): Promise<{ items: LowRating[]; nextCursor: string | null }> {
  requireStaff(actor);
  const scope = lowRatingScope(actor);
  if (!mayReadLowRatings(scope)) throw new FeedbackError('FORBIDDEN', { need: ['unit_manager'] });
  const db = ctx.database.db;
  const found = await repo.lowRatings(db, scope, decodeCursor(q.cursor, lang), q.limit);
  const page = found.slice(0, q.limit);
  const [codes, titles] = await Promise.all([trackingCodesOf(db, page.map((f) => f.requestId)), servicesByIds(db, page.map((f) => f.serviceId))]);
  return {
    items: page.map((f) => ({
      requestId: f.requestId,
      trackingCode: codes.get(f.requestId) ?? '',
      serviceTitle: title(lang, titles.get(f.serviceId)?.titleFa, titles.get(f.serviceId)?.titleEn),
      agencyId: f.agencyId,
      unitId: f.unitId,
      rating: f.rating,
      comment: f.comment,
      givenAt: f.createdAt.toISOString(),
    })),
    nextCursor: found.length > q.limit ? encodeCursor(page.at(-1)!) : null,
  };
}
