import type { Tx } from '../platform/db';
import * as officesRepo from '../modules/offices/offices.repository';

/**
 * The demo's counter office (دفتر پیشخوان دولت) in Tehran: the ministry's employment-record
 * certificate delegated to it, and its operator `counter.tehran` linked to it (issue 11 item 9).
 */
export async function seedChannelsDemo(tx: Tx, d: { now: Date; operatorId: string; serviceId: string; agencyId: string }): Promise<void> {
  const office = await officesRepo.insertOffice(
    tx.db,
    { kind: 'counter', code: '11010', name: 'دفتر پیشخوان دولت ۱۱۰۱۰ (ونک)', province: 'تهران', county: 'تهران', address: 'تهران، میدان ونک، خیابان ملاصدرا، پلاک ۱۲', phone: '02188001122' },
    d.now,
  );
  if (!office) return;
  await officesRepo.addDelegation(tx.db, { officeId: office.id, serviceId: d.serviceId, agencyId: d.agencyId }, d.now);
  await officesRepo.linkOperator(tx.db, d.operatorId, office.id, d.now);
}
