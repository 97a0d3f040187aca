import { fromJalali, toJalali } from '@dargah/persian';
import { audit } from '../../platform/audit';
import type { Tx } from '../../platform/db';
import { appendEvent } from '../../platform/events';
import { describeServiceIds } from '../../modules/catalogue';
// Like the other catalogue seeds, the delivery seed writes through the module's repository.
import * as reports from '../../modules/catalogue/reports.repository';
import { seedCatalogueLink, servicesOfAgencies } from '../../modules/services';
import type { CatalogueSeed } from '.';
import { SEED_ACTOR } from './laws';

/**
 * Delivery against the catalogue: most demo desk services linked to an approved, unexpired service
 * id of their agency (the provincial office, having none of its own, to its parent's), one left
 * unlinked; and the Tehran provincial office's report for last Jalali year: one row with a service
 * id and two without, which wait in the central review.
 */
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

  const desk = await servicesOfAgencies(tx.db, [ministry, organisation, provincial]);
  // The organisation's last desk service stays unlinked: it shows as delivered without an id.
  const unlinked = desk.filter((d) => d.agencyId === organisation).at(-1)?.id;
  const used = new Map<string, number>();
  for (const d of desk) {
    const pool = forAgency[d.agencyId] ?? [];
    if (d.id === unlinked || pool.length === 0) continue;
    const n = used.get(d.agencyId) ?? 0;
    used.set(d.agencyId, n + 1);
    await seedCatalogueLink(tx, SEED_ACTOR, d.id, pool[n % pool.length]!.serviceId, s.now);
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
  await appendEvent(tx, {
    streamType: 'delivery_report',
    streamId: reportId,
    action: 'submitted',
    actor: SEED_ACTOR,
    at: s.now,
    payload: details,
  });
  audit(tx, {
    actor: SEED_ACTOR,
    at: s.now,
    action: 'delivery_report.submit',
    objectType: 'delivery_report',
    objectId: reportId,
    agencyId: provincial,
    details,
  });
}
