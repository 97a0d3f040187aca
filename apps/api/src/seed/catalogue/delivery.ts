import { fromJalali, normalizeForSearch, toJalali } from '@dargah/persian';
import type { Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { describeServiceIds } from '../../modules/catalogue';
// Like the other catalogue seeds, the delivery seed writes through the module's repository.
import * as reports from '../../modules/catalogue/reports.repository';
import { seedCatalogueLink, servicesOfAgencies } from '../../modules/services';
import type { CatalogueSeed } from '.';
import { SEED_ACTOR, seedWho } from './laws';

/**
 * Delivery against the catalogue: most demo desk services linked to an approved, unexpired service
 * id of their agency (the provincial office, having none of its own, to its parent's), one left
 * unlinked; and the Tehran provincial office's report for last Jalali year: one row with a service
 * id and two without, which wait in the central review.
 */
const words = (title: string) =>
  new Set(
    normalizeForSearch(title)
      .split(' ')
      .filter((w) => w.length > 1),
  );

/** The candidate whose title shares the most words with `title` (two at least), if any. */
function closestByTitle<T extends { title: string }>(title: string, candidates: readonly T[]): T | undefined {
  const mine = words(title);
  let best: { c: T; n: number } | undefined;
  for (const c of candidates) {
    const n = [...words(c.title)].filter((w) => mine.has(w)).length;
    if (n >= 2 && (!best || n > best.n)) best = { c, n };
  }
  return best?.c;
}

export async function seedDelivery(tx: Tx, s: CatalogueSeed): Promise<void> {
  const info = new Map(
    (
      await describeServiceIds(
        tx.db,
        s.approved.map((a) => a.serviceId),
      )
    ).map((i) => [i.serviceId, i]),
  );
  const inForce = s.approved.filter((a) => {
    const i = info.get(a.serviceId);
    return i?.approved && i.expiresAt && i.expiresAt.getTime() > s.now.getTime();
  });
  const { ministry, organisation, provincial } = s.agencyIds;
  const candidates = (agencyId: string) => inForce.filter((a) => a.agencyId === agencyId);
  const forAgency: Record<string, CatalogueSeed['approved']> = {
    [ministry]: candidates(ministry),
    [organisation]: candidates(organisation),
    [provincial]: candidates(provincial).length > 0 ? candidates(provincial) : candidates(organisation),
  };

  // Each desk service is linked to the approved service it is (most words of the title in common,
  // at least two), one in force when there is one; one linked while its card was in force has since
  // expired (closed to new requests). The organisation's last one stays unlinked: it shows as
  // delivered without an id.
  const desk = await servicesOfAgencies(tx.db, [ministry, organisation, provincial]);
  const unlinked = desk.filter((d) => d.agencyId === organisation).at(-1)?.id;
  for (const d of desk) {
    if (d.id === unlinked) continue;
    const match =
      closestByTitle(d.titleFa, forAgency[d.agencyId] ?? []) ??
      closestByTitle(
        d.titleFa,
        s.approved.filter((a) => a.agencyId === d.agencyId),
      );
    if (match) await seedCatalogueLink(tx, SEED_ACTOR, d.id, match.serviceId, s.now);
  }

  // The Tehran provincial office's report for last year.
  const year = toJalali(s.now).jy - 1;
  const withId = forAgency[provincial]?.[0] ?? candidates(ministry)[0];
  const rows: reports.NewReportRow[] = [
    ...(withId ? [{ title: withId.title || 'خدمت مصوب', deliveredCount: 1240, serviceId: withId.serviceId }] : []),
    { title: 'برگزاری آزمون مهارت در محل کارگاه‌های صنفی', deliveredCount: 315, serviceId: null },
    { title: 'مشاوره شغلی حضوری کارجویان', deliveredCount: 87, serviceId: null },
  ];
  const reportId = await reports.insertReport(
    tx.db,
    {
      agencyId: provincial,
      year,
      periodStart: fromJalali(year, 1, 1),
      periodEnd: fromJalali(year + 1, 1, 1),
      revision: 1,
      replacesId: null,
      submittedBy: s.staffIds['admin.tehran'] ?? null,
    },
    s.now,
  );
  await reports.insertReportRows(tx.db, reportId, provincial, rows);
  const details = { year, revision: 1, rows: rows.length, withoutId: rows.filter((r) => !r.serviceId).length };
  await recordChange(tx, seedWho(s.now), {
    stream: 'delivery_report',
    id: reportId,
    event: 'submitted',
    audit: 'delivery_report.submit',
    agencyId: provincial,
    details,
  });
}
