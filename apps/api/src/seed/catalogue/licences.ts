import { normalizeForSearch } from '@dargah/persian';
import type { Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
// Like the other catalogue seeds, the licences are written through the module's repository.
import * as licences from '../../modules/catalogue/licences.repository';
import type { CatalogueSeed } from '.';
import { seedWho } from './laws';

type AgencyKey = keyof CatalogueSeed['agencyIds'];
interface SeedLicence {
  key: string;
  agency: AgencyKey;
  /** Mapped to the agency's approved service whose title contains this, when the cards seed has one. */
  service: string | null;
  prerequisites: string[];
  values: (s: CatalogueSeed) => Omit<licences.LicenceValues, 'searchKey'>;
}

const law = (s: CatalogueSeed, key: string, article: string) => ({ lawId: s.lawIds[key]!, article });

/**
 * Licences of the demo, in the shape of the national licensing portal (درگاه ملی مجوزها): the
 * ministry's work permit for foreign nationals and its employment-agency establishment permit; the
 * vocational training organisation's private training institute permits (establishment, then
 * operation, which needs it and instructors' cards) and the instructor's card. Those with an
 * approved service of their agency are mapped to it; the employment-agency permit and the
 * institute's operating licence are left without a service id, for the report.
 */
const LICENCES: SeedLicence[] = [
  {
    key: 'workPermit',
    agency: 'ministry',
    service: 'پروانه کار اتباع',
    prerequisites: [],
    values: (s) => ({
      title: 'پروانه کار اتباع خارجی',
      kind: 'پروانه کار',
      legalBasis: [law(s, 'business', '7'), law(s, 'management', '8')],
      conditions: [
        'نبودن نیروی کار ایرانی با مهارت لازم برای همان شغل',
        'داشتن روادید با حق کار معتبر',
        'قرارداد کار با کارفرمای ایرانی',
      ],
      documents: [
        { title: 'گذرنامه معتبر', mandatory: true },
        { title: 'قرارداد کار', mandatory: true },
        { title: 'گواهی‌نامه مهارت', mandatory: false },
      ],
      inquiries: [
        { agencyId: s.agencyIds.ministry, data: 'نبود متقاضی ایرانی واجد شرایط در سامانه کاریابی' },
        { agencyId: s.agencyIds.organisation, data: 'اصالت گواهی‌نامه مهارت تبعه' },
      ],
      issueDays: 15,
      validityMonths: 12,
      costRials: 12_000_000,
      costLegalBasis: [law(s, 'fees', '3')],
      renewalTerms: 'تمدید یک‌ساله با درخواست کارفرما تا یک ماه پیش از پایان اعتبار، با قرارداد کار تازه.',
      amendmentTerms: 'تغییر کارفرما یا شغل با درخواست اصلاح پروانه و استعلام دوباره.',
      cancellationConditions: 'پایان یا فسخ قرارداد کار، ابطال روادید یا اشتغال در شغلی جز شغل مندرج در پروانه.',
    }),
  },
  {
    key: 'placementEstablish',
    agency: 'ministry',
    service: null,
    prerequisites: [],
    values: (s) => ({
      title: 'مجوز تأسیس مؤسسه کاریابی غیردولتی',
      kind: 'مجوز تأسیس',
      legalBasis: [law(s, 'business', '7'), law(s, 'management', '13')],
      conditions: [
        'داشتن حداقل مدرک کارشناسی مرتبط و سه سال سابقه کار',
        'نداشتن پیشینه کیفری مؤثر',
        'معرفی محل فعالیت با کاربری اداری یا تجاری',
      ],
      documents: [
        { title: 'تصویر کارت ملی متقاضی', mandatory: true },
        { title: 'مدرک تحصیلی', mandatory: true },
        { title: 'سند یا اجاره‌نامه محل فعالیت', mandatory: false },
      ],
      inquiries: [{ agencyId: s.agencyIds.ministry, data: 'سوابق اشتغال متقاضی در سامانه جامع روابط کار' }],
      issueDays: 20,
      validityMonths: 6,
      costRials: 2_500_000,
      costLegalBasis: [law(s, 'fees', '3')],
      renewalTerms: null,
      amendmentTerms: 'تغییر محل فعالیت پیش از آغاز کار با درخواست متقاضی و بازدید دوباره.',
      cancellationConditions: 'آغاز نکردن فعالیت در مدت اعتبار، یا ارائه اطلاعات خلاف واقع.',
    }),
  },
  {
    key: 'instituteEstablish',
    agency: 'organisation',
    service: 'تأسیس آموزشگاه',
    prerequisites: [],
    values: (s) => ({
      title: 'مجوز تأسیس آموزشگاه آزاد فنی و حرفه‌ای',
      kind: 'مجوز تأسیس',
      legalBasis: [law(s, 'business', '7')],
      conditions: ['داشتن گواهی‌نامه مهارت در رشته آموزشی', 'حداقل مدرک دیپلم', 'دارا بودن فضای آموزشی استاندارد'],
      documents: [
        { title: 'گواهی‌نامه مهارت', mandatory: true },
        { title: 'نقشه فضای آموزشی', mandatory: true },
      ],
      inquiries: [{ agencyId: s.agencyIds.ministry, data: 'سوابق بیمه‌ای و اشتغال متقاضی' }],
      issueDays: 20,
      validityMonths: 6,
      costRials: 1_500_000,
      costLegalBasis: [law(s, 'fees', '3')],
      renewalTerms: 'یک بار تمدید شش‌ماهه در صورت پیشرفت تجهیز آموزشگاه.',
      amendmentTerms: null,
      cancellationConditions: 'تجهیز نکردن آموزشگاه در مدت اعتبار.',
    }),
  },
  {
    key: 'instructorCard',
    agency: 'organisation',
    service: 'صلاحیت مربیان',
    prerequisites: [],
    values: (s) => ({
      title: 'کارت مربیگری آموزشگاه‌های آزاد فنی و حرفه‌ای',
      kind: 'گواهی صلاحیت',
      legalBasis: [law(s, 'business', '7')],
      conditions: ['قبولی در آزمون روش تدریس', 'داشتن گواهی‌نامه مهارت درجه یک در رشته'],
      documents: [
        { title: 'کارت ملی', mandatory: true },
        { title: 'گواهی سابقه تدریس', mandatory: false },
      ],
      inquiries: [],
      issueDays: 10,
      validityMonths: 48,
      costRials: 800_000,
      costLegalBasis: [law(s, 'fees', '3')],
      renewalTerms: 'تمدید چهارساله با گذراندن دوره بازآموزی.',
      amendmentTerms: 'افزودن رشته با قبولی در آزمون همان رشته.',
      cancellationConditions: 'تخلف آموزشی یا صدور گواهی برای کارآموزی که دوره را نگذرانده است.',
    }),
  },
  {
    key: 'instituteOperate',
    agency: 'organisation',
    service: null,
    prerequisites: ['instituteEstablish', 'instructorCard'],
    values: (s) => ({
      title: 'پروانه بهره‌برداری آموزشگاه آزاد فنی و حرفه‌ای',
      kind: 'پروانه بهره‌برداری',
      legalBasis: [law(s, 'business', '7'), law(s, 'business', '24')],
      conditions: ['داشتن مجوز تأسیس معتبر', 'تأیید تجهیزات کارگاهی پس از بازدید', 'مربیان دارای کارت مربیگری'],
      documents: [
        { title: 'مجوز تأسیس', mandatory: true },
        { title: 'فهرست مربیان دارای کارت مربیگری', mandatory: true },
      ],
      inquiries: [],
      issueDays: 15,
      validityMonths: 60,
      costRials: 3_000_000,
      costLegalBasis: [law(s, 'fees', '3')],
      renewalTerms: 'تمدید پنج‌ساله پس از ارزیابی عملکرد آموزشگاه.',
      amendmentTerms: 'افزودن رشته آموزشی با درخواست اصلاح پروانه و بازدید کارگاه.',
      cancellationConditions: 'صدور گواهی برای کارآموزانی که دوره را نگذرانده‌اند، یا تعطیلی بدون اطلاع.',
    }),
  },
];

/** The licence register of the demo (after the approved cards, whose service ids it maps to). */
export async function seedLicences(tx: Tx, s: CatalogueSeed): Promise<void> {
  const ids: Record<string, string> = {};
  const note = async (id: string, agencyId: string, action: string, details: Record<string, unknown>) => {
    await recordChange(tx, seedWho(s.now), { stream: 'licence', id, event: action, audit: `licence.${action}`, agencyId, details });
  };
  for (const l of LICENCES) {
    const agencyId = s.agencyIds[l.agency];
    const v = l.values(s);
    const id = await licences.insertLicence(
      tx.db,
      agencyId,
      { ...v, searchKey: normalizeForSearch(`${v.title} ${v.kind}`) },
      null,
      s.now,
    );
    ids[l.key] = id;
    const prerequisiteIds = l.prerequisites.map((k) => ids[k]!);
    await licences.setPrerequisites(tx.db, id, prerequisiteIds);
    await note(id, agencyId, 'created', { title: v.title, kind: v.kind, prerequisiteIds });
    const wanted = l.service;
    const service = wanted ? s.approved.find((a) => a.agencyId === agencyId && a.title.includes(wanted)) : undefined;
    if (service) {
      await licences.patchLicence(tx.db, id, 1, { serviceId: service.serviceId }, s.now);
      await note(id, agencyId, 'service_mapped', { serviceId: service.serviceId, cardId: service.cardId });
    }
  }
}
