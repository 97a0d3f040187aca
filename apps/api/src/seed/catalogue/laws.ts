import type { Who } from '../../platform/actor';
import type { Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
// Like the identity seed, the catalogue seed writes through the module's repository.
import * as catalogue from '../../modules/catalogue/catalogue.repository';
import type { CatalogueSeed } from '.';

export const SEED_ACTOR = { type: 'system' as const, id: 'demo-seed' };
/** The seed's changes are recorded as the demo seed's, at the seed's time. */
export const seedWho = (at: Date): Who => ({ actor: SEED_ACTOR, origin: {}, at });

/**
 * Laws of the register the demo cards rest on, by key: `management` (قانون مدیریت خدمات کشوری),
 * `eGovernment` (the cabinet's e-government resolution), `business` (قانون بهبود مستمر محیط کسب‌وکار),
 * `fees` (قانون وصول برخی از درآمدهای دولت).
 */
const LAWS = {
  management: {
    title: 'قانون مدیریت خدمات کشوری',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    number: '۹۹۵۳۱/۲۳۷',
    approvedOn: '2007-09-09',
    link: 'https://rc.majlis.ir/fa/law/show/132303',
    articles: [
      { number: '8', text: 'وظایف دولت در امور حاکمیتی، اجتماعی و فرهنگی.' },
      { number: '13', text: 'تصدی‌های اجتماعی، فرهنگی و خدماتی به بخش غیردولتی واگذار می‌شود.' },
      { number: '29', text: 'دستگاه‌های اجرایی مکلفند خدمات خود را به‌صورت الکترونیک ارائه کنند.' },
    ],
  },
  eGovernment: {
    title: 'مصوبهٔ ساماندهی ارائهٔ خدمات الکترونیکی دستگاه‌های اجرایی',
    kind: 'resolution',
    approvingBody: 'هیئت وزیران',
    number: '۴۵۸۷۹/ت۵۳۷۲۰ه',
    approvedOn: '2017-05-06',
    link: null,
    articles: [
      { number: '1', text: 'ثبت شناسنامهٔ خدمات در سامانهٔ مدیریت خدمات دولت.' },
      { number: '2', text: 'ارائهٔ خدمات از طریق میز خدمت الکترونیکی و پنجرهٔ واحد.' },
      { number: '3', text: 'استعلام الکترونیک از دستگاه‌های دیگر به‌جای مطالبهٔ مدرک از مردم.' },
    ],
  },
  business: {
    title: 'قانون بهبود مستمر محیط کسب‌وکار',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    number: '۲۰۸۴۲۵/۴۵۲',
    approvedOn: '2011-02-21',
    link: null,
    articles: [
      { number: '7', text: 'درگاه ملی مجوزها و صدور مجوز کسب‌وکار در مهلت معین.' },
      { number: '24', text: 'مدت اعتبار و شرایط تمدید مجوزها.' },
    ],
  },
  fees: {
    title: 'قانون وصول برخی از درآمدهای دولت و مصرف آن در موارد معین',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    number: null,
    approvedOn: '1994-02-19',
    link: null,
    articles: [
      { number: '3', text: 'تعرفهٔ هزینهٔ صدور گواهی‌ها و پروانه‌ها.' },
      { number: '8', text: 'واریز درآمدها به حساب خزانه.' },
    ],
  },
} satisfies Record<string, catalogue.LawValues>;

export type SeedLawKey = keyof typeof LAWS;

/** The laws register of the demo. */
export async function seedLaws(tx: Tx, s: CatalogueSeed): Promise<void> {
  for (const [key, law] of Object.entries(LAWS)) {
    const row = await catalogue.insertLaw(tx.db, law, s.now);
    s.lawIds[key] = row.id;
    await recordChange(tx, seedWho(s.now), {
      stream: 'law',
      id: row.id,
      event: 'created',
      audit: 'law.create',
      agencyId: null,
      details: { title: law.title },
    });
  }
}
