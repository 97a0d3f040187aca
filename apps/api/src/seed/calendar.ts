import { FIXED_SOLAR_HOLIDAYS, isJalaliLeapYear } from '@dargah/persian';
import type { Tx } from '../platform/db';
import { recordChange } from '../platform/events';
import * as calendar from '../modules/calendar/calendar.repository';
import { seedWho } from './catalogue/laws';

/*
 * The demo's holiday table of 1405: the fixed solar holidays of the law and the lunar holidays.
 *
 * THE LUNAR DATES ARE A SAMPLE. iran.md §3 lists which lunar days are holidays but not their
 * Jalali dates for 1405, and warns that ICU's Hijri calendars miss the approved calendar by a day
 * here and there; these dates were read once from ICU's islamic-umalqura calendar and may be a day
 * off. Each lunar title says so («نمونه، تاریخ تقریبی»). The central organisation publishes the
 * approved table (on the calendar screen or by CSV import) to replace it.
 */

export const DEMO_HOLIDAY_YEAR = 1405;
const SAMPLE = ' (نمونه، تاریخ تقریبی)';
const SAMPLE_EN = ' (sample, approximate date)';

/** The lunar holidays of 1405 as the sample has them: Jalali date, Persian and English titles. */
export const SAMPLE_LUNAR_1405: ReadonlyArray<readonly [string, string, string]> = [
  ['1405/01/01', 'تعطیل به مناسبت عید سعید فطر', 'Eid al-Fitr holiday'],
  ['1405/01/24', 'شهادت امام جعفر صادق', 'Martyrdom of Imam Sadiq'],
  ['1405/03/06', 'عید سعید قربان', 'Eid al-Adha'],
  ['1405/03/14', 'عید سعید غدیر خم', 'Eid al-Ghadir'],
  ['1405/04/03', 'تاسوعای حسینی', "Tasu'a"],
  ['1405/04/04', 'عاشورای حسینی', 'Ashura'],
  ['1405/05/12', 'اربعین حسینی', "Arba'een"],
  ['1405/05/20', 'رحلت رسول اکرم و شهادت امام حسن مجتبی', 'Demise of the Prophet and martyrdom of Imam Hasan'],
  ['1405/05/22', 'شهادت امام رضا', 'Martyrdom of Imam Reza'],
  ['1405/05/30', 'شهادت امام حسن عسکری', 'Martyrdom of Imam Hasan al-Askari'],
  ['1405/06/08', 'میلاد رسول اکرم و امام جعفر صادق', 'Birthday of the Prophet and Imam Sadiq'],
  ['1405/08/22', 'شهادت حضرت فاطمه زهرا', 'Martyrdom of Fatima'],
  ['1405/10/01', 'ولادت امام علی', 'Birthday of Imam Ali'],
  ['1405/10/15', 'مبعث رسول اکرم', "Mab'ath"],
  ['1405/11/03', 'ولادت حضرت قائم', 'Birthday of the Mahdi'],
  ['1405/12/09', 'شهادت امام علی', 'Martyrdom of Imam Ali'],
  ['1405/12/18', 'عید سعید فطر', 'Eid al-Fitr'],
  ['1405/12/19', 'تعطیل به مناسبت عید سعید فطر', 'Eid al-Fitr holiday'],
];

const pad = (n: number) => String(n).padStart(2, '0');

/** The rows of the demo table: one a day, a lunar holiday on a solar one joining its title. */
export function demoHolidays1405(): calendar.HolidayRow[] {
  const byDate = new Map<string, calendar.HolidayRow>();
  for (const h of FIXED_SOLAR_HOLIDAYS) {
    if (h.jm === 12 && h.jd === 30 && !isJalaliLeapYear(DEMO_HOLIDAY_YEAR)) continue;
    const date = `${DEMO_HOLIDAY_YEAR}/${pad(h.jm)}/${pad(h.jd)}`;
    if (!byDate.has(date)) byDate.set(date, { date, titleFa: h.title, titleEn: null, kind: 'solar' });
  }
  for (const [date, fa, en] of SAMPLE_LUNAR_1405) {
    const solar = byDate.get(date);
    byDate.set(
      date,
      solar
        ? { ...solar, titleFa: `${solar.titleFa}؛ ${fa}${SAMPLE}` }
        : { date, titleFa: `${fa}${SAMPLE}`, titleEn: `${en}${SAMPLE_EN}`, kind: 'lunar' },
    );
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Publishes the demo table of 1405 in the seed's transaction, as the central reviewer. */
export async function seedCalendarDemo(tx: Tx, s: { now: Date; publishedBy: string }): Promise<void> {
  const holidays = demoHolidays1405();
  await calendar.claimYear(tx.db, DEMO_HOLIDAY_YEAR, 0, s.publishedBy, s.now);
  await calendar.replaceHolidays(tx.db, DEMO_HOLIDAY_YEAR, holidays);
  await recordChange(tx, seedWho(s.now), {
    stream: 'holiday_table',
    id: String(DEMO_HOLIDAY_YEAR),
    event: 'published',
    audit: 'holiday_table.publish',
    agencyId: null,
    details: { year: DEMO_HOLIDAY_YEAR, version: 1, holidays: holidays.length, sample: true },
  });
}
