import type { Db } from '../../platform/db';
import { cardsInForceDuring, cardsOfServiceIds } from '../catalogue';
import { agenciesByIds, agencyNameRanks } from '../organisation';
import { requestActivity } from '../requests';
import { servicesByIds } from '../services';
import * as repo from './reports.repository';

/*
 * The discrepancy report's three sections, composed from their owners (ADR 0017): the requests
 * received per desk service (requests), the desk services and their links (services), the cards in
 * force and behind each link (catalogue), the agencies' names and provinces (organisation), and the
 * reports' own provincial rows. One set-based call per owner for the whole report (never one per
 * row); the sections are then filtered, ordered (agency name, title, key) and paged here, so a
 * page and the totals always come from the same rows.
 */

type Row = repo.DiscrepancyRowDb & { sortKey: string };
export type Sections = Record<repo.Section, repo.DiscrepancyRowDb[]>;

/**
 * Ascending in the order of the C collation the databases use (Unicode code points, which UTF-8
 * bytes keep): the order the report had when it was sorted in SQL.
 */
const byCodePoint = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Every row of the three sections, each sorted by agency name, title and key; with each agency's place in the name order. */
export async function discrepancySections(
  db: Db,
  f: repo.DiscrepancyFilter,
): Promise<{ sections: Sections; rank: ReadonlyMap<string, number> }> {
  const period = { from: f.from, to: f.to };
  const askedAgencies = f.agencyId ? (f.agencies === null || f.agencies.includes(f.agencyId) ? [f.agencyId] : []) : f.agencies;
  const [activity, cardsInForce, provincial, counted] = await Promise.all([
    requestActivity(db, period),
    cardsInForceDuring(db, { ...period, agencyIds: askedAgencies }),
    repo.openProvincialRows(db, { ...period, agencyIds: askedAgencies }),
    repo.countedServiceIds(db, period),
  ]);
  const services = await servicesByIds(db, activity.map((a) => a.serviceId));
  const linked = [...new Set([...services.values()].flatMap((s) => (s.catalogueServiceId ? [s.catalogueServiceId] : [])))];
  const cards = new Map((await cardsOfServiceIds(db, linked)).map((c) => [c.serviceId, c]));
  const approvedCard = (serviceId: string | null) => {
    const c = serviceId ? cards.get(serviceId) : undefined;
    return c?.approved ? c : undefined;
  };

  const rows: Record<repo.Section, Row[]> = { withoutId: [], neverDelivered: [], expiredDelivered: [] };
  const none = { reason: null, deskServiceId: null, reportRowId: null, year: null, lastAt: null, expiresAt: null };
  // Desk services with requests in the period and no link in force, plus provincial rows without an id.
  for (const a of activity) {
    const s = services.get(a.serviceId);
    if (!s || approvedCard(s.catalogueServiceId)) continue;
    rows.withoutId.push({
      ...none,
      agencyId: s.agencyId,
      source: 'desk',
      title: s.titleFa,
      serviceId: s.catalogueServiceId,
      reason: s.catalogueServiceId === null ? 'no_link' : 'not_approved',
      deskServiceId: s.id,
      count: a.count,
      lastAt: a.lastAt,
      sortKey: s.id,
    } as Row);
  }
  for (const x of provincial)
    rows.withoutId.push({
      ...none,
      agencyId: x.agencyId,
      source: 'provincial',
      title: x.title,
      serviceId: null,
      reason: x.status === 'pending' ? 'review_pending' : 'card_required',
      reportRowId: x.id,
      year: x.year,
      count: x.count,
      sortKey: x.id,
    } as Row);
  // Cards in force at some time in the period with no request through a linked desk service and no provincial row counting them.
  const delivered = new Set([...counted, ...activity.flatMap((a) => services.get(a.serviceId)?.catalogueServiceId ?? [])]);
  for (const c of cardsInForce)
    if (!delivered.has(c.serviceId))
      rows.neverDelivered.push({
        ...none,
        agencyId: c.agencyId,
        source: 'catalogue',
        title: c.title,
        serviceId: c.serviceId,
        count: 0,
        expiresAt: c.expiresAt,
        sortKey: c.serviceId,
      } as Row);
  // Requests received at or after the linked card's expiry.
  const expiring = activity.flatMap((a) => {
    const s = services.get(a.serviceId);
    const c = approvedCard(s?.catalogueServiceId ?? null);
    return s && c?.expiresAt ? [{ s, c, since: c.expiresAt }] : [];
  });
  const late = await requestActivity(db, { ...period, only: expiring.map((e) => ({ serviceId: e.s.id, since: e.since })) });
  const expiringOf = new Map(expiring.map((e) => [e.s.id, e]));
  for (const a of late) {
    const { s, c } = expiringOf.get(a.serviceId)!;
    rows.expiredDelivered.push({
      ...none,
      agencyId: s.agencyId,
      source: 'desk',
      title: s.titleFa,
      serviceId: c.serviceId,
      deskServiceId: s.id,
      count: a.count,
      lastAt: a.lastAt,
      expiresAt: c.expiresAt!.toISOString(),
      sortKey: s.id,
    } as Row);
  }

  const all = Object.values(rows).flat();
  const ids = [...new Set(all.map((r) => r.agencyId))];
  const [agencies, rank] = await Promise.all([agenciesByIds(db, ids), agencyNameRanks(db, ids)]);
  const kept = (r: Row) => {
    const a = agencies.get(r.agencyId);
    if (!a) return false;
    if (f.agencies && !f.agencies.includes(r.agencyId)) return false;
    if (f.agencyId && r.agencyId !== f.agencyId) return false;
    return !f.province || a.province === f.province;
  };
  const order = (a: Row, b: Row) =>
    rank.get(a.agencyId)! - rank.get(b.agencyId)! || byCodePoint(a.title, b.title) || byCodePoint(a.sortKey, b.sortKey);
  const finish = (list: Row[]): repo.DiscrepancyRowDb[] =>
    list
      .filter(kept)
      .map((r) => ({ ...r, agencyName: agencies.get(r.agencyId)!.nameFa, province: agencies.get(r.agencyId)!.province }))
      .sort(order)
      .map(({ sortKey: _, ...r }) => r);
  return {
    sections: { withoutId: finish(rows.withoutId), neverDelivered: finish(rows.neverDelivered), expiredDelivered: finish(rows.expiredDelivered) },
    rank,
  };
}

/** Rows per agency and section, for the charts: agencies by name (then id), each with its three counts. */
export function totalsByAgency(sections: Sections, rank: ReadonlyMap<string, number>) {
  const rankOf = (id: string) => rank.get(id) ?? 0;
  const byAgency = new Map<string, { agencyId: string; agencyName: string } & Record<repo.Section, number>>();
  for (const section of ['withoutId', 'neverDelivered', 'expiredDelivered'] as const)
    for (const r of sections[section]) {
      const a = byAgency.get(r.agencyId) ?? { agencyId: r.agencyId, agencyName: r.agencyName, withoutId: 0, neverDelivered: 0, expiredDelivered: 0 };
      a[section] += 1;
      byAgency.set(r.agencyId, a);
    }
  return [...byAgency.values()].sort((a, b) => rankOf(a.agencyId) - rankOf(b.agencyId) || byCodePoint(a.agencyId, b.agencyId));
}
