import type { DeskScorecard } from '@dargah/contracts';
import { fromJalali, toJalali } from '@dargah/persian';
import { requireStaff, type Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import type { Lang } from '../../platform/http/i18n';
import { approvedServiceFacts, cardsInForceDuring } from '../catalogue';
import { ratingsOfRequests } from '../feedback';
import { activeAgencies, agenciesByIds, CENTRAL_ROLES } from '../organisation';
import { decidedRequestIds, scorecardRequestFacts, signedAnswerCounts } from '../requests';
import { publishedServicesBefore } from '../services';
import { ScorecardError } from './scorecard.errors';
import { addCounts, NO_COUNTS, rowOf, type ScorecardCounts } from './scorecard.model';
import { SCORECARD_AGENCY_ROLES, SCORECARD_PROVINCE_ROLES, scorecardScope, type ScorecardScope } from './scorecard.policy';

/*
 * The desk evaluation scorecard (issue 11 item 12, ADR 0032): per agency, ten criteria of one
 * Jalali year counted from the catalogue (approved cards), the desk's services, its requests and
 * the applicants' ratings, each read through its owner's index.ts; then summed per province and
 * for the whole table. An analytical read: on the read replica where there is one (ADR 0026).
 */

export const FIRST_SCORECARD_YEAR = 1390;
/** Where agencies without a province are summed. */
export const NO_PROVINCE = '—';

export interface ScorecardQuery {
  year?: number | undefined;
  province?: string | undefined;
}

/** The agencies a scope covers: every active one, those of the evaluator's provinces, or the administrator's. */
async function agenciesInScope(db: Db, scope: ScorecardScope): Promise<string[]> {
  if (scope.kind === 'agency') return scope.agencyIds;
  const active = await activeAgencies(db);
  if (scope.kind === 'central') return active.map((a) => a.id);
  const held = await agenciesByIds(db, scope.heldAt);
  const provinces = new Set([...held.values()].map((a) => a.province).filter((p): p is string => p !== null));
  return [...(await agenciesByIds(db, active.map((a) => a.id))).values()].filter((a) => a.province !== null && provinces.has(a.province)).map((a) => a.id);
}

export async function deskScorecard(ctx: AppContext, actor: Actor, q: ScorecardQuery, lang: Lang): Promise<DeskScorecard> {
  requireStaff(actor);
  const scope = scorecardScope(actor);
  if (scope === undefined) throw new ScorecardError('FORBIDDEN', { need: [...SCORECARD_AGENCY_ROLES, ...SCORECARD_PROVINCE_ROLES, ...CENTRAL_ROLES] });
  const now = ctx.clock.now();
  const thisYear = toJalali(now).jy;
  const year = q.year ?? thisYear;
  if (year < FIRST_SCORECARD_YEAR || year > thisYear) {
    throw new ScorecardError('DESK_SCORECARD_YEAR_OUT_OF_RANGE', { year, first: FIRST_SCORECARD_YEAR, last: thisYear });
  }
  const from = fromJalali(year, 1, 1);
  const to = fromJalali(year + 1, 1, 1);
  const province = q.province?.trim() || null;

  return ctx.reads.read(async (db) => {
    const facts = [...(await agenciesByIds(db, await agenciesInScope(db, scope))).values()].filter((a) => province === null || a.province === province);
    const agencyIds = facts.map((a) => a.id);
    const counts = new Map<string, ScorecardCounts>(agencyIds.map((id) => [id, { ...NO_COUNTS }]));
    const bump = (agencyId: string, k: keyof ScorecardCounts, by = 1) => {
      const c = counts.get(agencyId);
      if (c) c[k] += by;
    };

    if (agencyIds.length > 0) {
      // The catalogue and the desk's services: approved cards in force in the year, and the published desk
      // services (created before the year's end) delivering them.
      const [cards, published] = await Promise.all([cardsInForceDuring(db, { from, to, agencyIds }), publishedServicesBefore(db, agencyIds, to)]);
      const delivered = new Set(published.map((s) => s.catalogueServiceId).filter((id): id is string => id !== null));
      const online = await approvedServiceFacts(db, [...delivered], now);
      const inForce = new Set(cards.map((c) => c.serviceId));
      for (const card of cards) {
        bump(card.agencyId, 'catalogued');
        if (!delivered.has(card.serviceId)) continue;
        bump(card.agencyId, 'offeredAtDesk');
        if (online.get(card.serviceId)?.onlineRequest) bump(card.agencyId, 'electronicRequest');
      }
      for (const s of published) {
        bump(s.agencyId, 'deskServices');
        if (s.catalogueServiceId !== null && inForce.has(s.catalogueServiceId)) bump(s.agencyId, 'deskLinked');
      }

      // The requests of the year, and the applicants' ratings of those decided in it.
      const [requests, decided] = await Promise.all([
        scorecardRequestFacts(db, { agencyIds, from, to, now }),
        decidedRequestIds(db, { agencyIds, from, to }),
      ]);
      for (const r of requests) {
        for (const k of ['accepted', 'withReceipt', 'withTrackingCode', 'open', 'openInNorm', 'decided', 'decidedInNorm'] as const) {
          bump(r.agencyId, k, r[k]);
        }
      }
      // Answered electronically: every decision issues an answer document (ADR 0038); those signed count.
      for (const [agencyId, n] of await signedAnswerCounts(db, decided)) bump(agencyId, 'answeredElectronically', n);
      for (const r of await ratingsOfRequests(db, decided)) {
        bump(r.agencyId, 'rated', r.rated);
        bump(r.agencyId, 'satisfied', r.satisfied);
      }
    }

    const collator = new Intl.Collator(lang);
    const name = (a: { nameFa: string; nameEn: string | null }) => (lang === 'en' && a.nameEn) || a.nameFa;
    const agencies = facts
      .map((a) => rowOf(a.id, name(a), a.province, counts.get(a.id) ?? NO_COUNTS, lang))
      .sort((x, y) => collator.compare(x.name, y.name));

    const byProvince = new Map<string, ScorecardCounts>();
    for (const a of facts) {
      const p = a.province ?? NO_PROVINCE;
      byProvince.set(p, addCounts(byProvince.get(p) ?? NO_COUNTS, counts.get(a.id) ?? NO_COUNTS));
    }
    const provinces =
      scope.kind !== 'agency' ? [...byProvince].map(([p, c]) => rowOf(p, p, p === NO_PROVINCE ? null : p, c, lang)).sort((x, y) => collator.compare(x.name, y.name)) : [];
    const all = [...counts.values()].reduce(addCounts, NO_COUNTS);
    return {
      year,
      from: from.toISOString(),
      to: to.toISOString(),
      province,
      scope: scope.kind,
      agencies,
      provinces,
      total: rowOf('total', lang === 'en' ? 'Total' : 'جمع', null, all, lang),
    };
  });
}
