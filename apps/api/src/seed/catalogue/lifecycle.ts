import type { ServiceCardContent } from '@dargah/contracts';
import { reminderDue } from '../../modules/catalogue/catalogue-workflow';
import * as catalogue from '../../modules/catalogue/catalogue.repository';
import type { Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { CatalogueSeed } from '.';
import { seedApprovedCard } from './approved-card';
import { seedWho } from './laws';

/** The ministry's approved card whose year has run out (approved 13 months before the seed): shows «منقضی شده». */
export const EXPIRED_CARD_TITLE = 'صدور مجوز تأسیس مؤسسهٔ کاریابی';
/** The ministry's approved card that expires 20 days after the seed: its administrators have a 30-day reminder. */
export const EXPIRING_CARD_TITLE = 'ثبت قرارداد کار موقت کارگران';

const DAY_MS = 86_400_000;

/** Months before `d` (UTC calendar). */
function monthsBefore(d: Date, n: number): Date {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() - n);
  return x;
}

/** The approval date whose yearly expiry falls `days` after `now`. */
function approvedForExpiryIn(now: Date, days: number): Date {
  const x = new Date(now.getTime() + days * DAY_MS);
  x.setUTCFullYear(x.getUTCFullYear() - 1);
  return x;
}

function expiredContent(s: CatalogueSeed): ServiceCardContent {
  return {
    title: EXPIRED_CARD_TITLE,
    titleEn: 'Licence for a private employment agency',
    subServices: [{ title: 'تمدید مجوز مؤسسهٔ کاریابی' }, { title: 'صدور المثنای مجوز' }],
    description:
      'صدور مجوز تأسیس و فعالیت مؤسسه‌های کاریابی غیردولتی برای اشخاص حقیقی و حقوقی دارای شرایط، پس از بررسی مدارک و صلاحیت متقاضی.',
    collaboratingAgencyIds: [s.agencyIds.organisation],
    recipients: ['G2C', 'G2B'],
    nature: 'sovereign',
    level: 'national',
    lifeEvents: ['employment', 'business'],
    startMode: 'on_request',
    legalBasis: [
      { lawId: s.lawIds.business!, article: '7' },
      { lawId: s.lawIds.management!, article: '29' },
    ],
    documents: [
      { title: 'تصویر کارت ملی متقاضی', mandatory: true },
      {
        title: 'گواهی مهارت آموزش فنی و حرفه‌ای',
        mandatory: true,
        byInquiry: true,
        evidenceType: 'گواهی‌نامهٔ مهارت',
        providerAgencyId: s.agencyIds.organisation,
      },
      { title: 'اجاره‌نامه یا سند محل فعالیت', mandatory: false },
    ],
    inquiries: [{ agencyId: s.agencyIds.organisation, data: 'اصالت گواهی‌نامهٔ مهارت متقاضی', mode: 'instant' }],
    identity: { personTypes: ['real', 'legal'], assuranceLevel: 'substantial' },
    fees: [
      {
        title: 'هزینهٔ صدور مجوز',
        amountRials: 2_500_000,
        legalBasis: [{ lawId: s.lawIds.fees!, article: '3' }],
        sheba: 'IR820540102680020817909002',
      },
    ],
    inPersonVisits: { count: 1, reason: 'بازدید کارشناس از محل فعالیت مؤسسه' },
    channels: {
      information: ['web', 'call_centre'],
      request: ['web'],
      delivery: ['web', 'post'],
      eServiceUrl: 'https://karyabi.mcls.gov.ir/',
    },
    process: {
      start: { description: 'ثبت درخواست و بارگذاری مدارک در درگاه' },
      production: { description: 'بررسی مدارک، استعلام صلاحیت و بازدید از محل' },
      delivery: { description: 'صدور مجوز الکترونیکی و ارسال نسخهٔ چاپی با پست' },
      legalDeadlineDays: 30,
      normDays: 20,
      extensionAllowed: true,
      extensionTermDays: 10,
    },
    complaintRoute: 'سامانهٔ ۱۱۱ و ادارهٔ بازرسی و پاسخ‌گویی به شکایات وزارتخانه',
    maturity: { level: 'transactional' },
  };
}

function expiringContent(s: CatalogueSeed): ServiceCardContent {
  return {
    title: EXPIRING_CARD_TITLE,
    description:
      'ثبت قرارداد کار موقت میان کارفرما و کارگر در سامانهٔ روابط کار، برای پشتیبانی از حقوق طرفین و استعلام‌های بیمه‌ای.',
    recipients: ['G2C', 'G2B'],
    nature: 'supportive',
    level: 'provincial',
    lifeEvents: ['employment', 'social_security'],
    startMode: 'on_request',
    legalBasis: [
      { lawId: s.lawIds.eGovernment!, article: '1' },
      { lawId: s.lawIds.eGovernment!, article: '3' },
    ],
    documents: [{ title: 'متن قرارداد کار امضاشده', mandatory: true }],
    inquiries: [],
    identity: { personTypes: ['real', 'legal'], assuranceLevel: 'low' },
    fees: [],
    inPersonVisits: { count: 0 },
    channels: {
      information: ['web', 'sms'],
      request: ['web', 'counter'],
      delivery: ['web'],
      eServiceUrl: 'https://ravabetkar.mcls.gov.ir/',
    },
    process: {
      start: { description: 'ثبت قرارداد توسط کارفرما در سامانه یا دفتر پیشخوان' },
      production: { description: 'بررسی خودکار مفاد قرارداد با حداقل‌های قانون کار' },
      delivery: { description: 'صدور کد رهگیری قرارداد و پیامک به کارگر' },
      legalDeadlineDays: 5,
      normDays: 2,
      extensionAllowed: false,
    },
    complaintRoute: 'ادارهٔ کل تعاون، کار و رفاه اجتماعی استان',
    maturity: { level: 'integrated' },
  };
}

/**
 * The card's life after approval, for the demo: the ministry has one card whose year has run out
 * (expired, to be renewed) and one that expires in 20 days. Each has the expiry notice the daily
 * run would have written by now (the same card_reminders row, so that run adds nothing).
 */
export async function seedLifecycle(tx: Tx, s: CatalogueSeed): Promise<void> {
  const agencyId = s.agencyIds.ministry;
  const createdBy = s.staffIds['admin.ministry']!;
  const cards = [
    await seedApprovedCard(tx, s, {
      agencyId,
      createdBy,
      content: expiredContent(s),
      approvedAt: monthsBefore(s.now, 13),
    }),
    await seedApprovedCard(tx, s, {
      agencyId,
      createdBy,
      content: expiringContent(s),
      approvedAt: approvedForExpiryIn(s.now, 20),
    }),
  ];
  for (const c of cards) {
    const card = (await catalogue.findCard(tx.db, c.cardId))!;
    const expiresAt = card.expiresAt!;
    const daysBefore = reminderDue(expiresAt, s.now);
    if (daysBefore === null || !(await catalogue.insertReminder(tx.db, c.cardId, expiresAt, daysBefore, s.now)))
      continue;
    const expired = daysBefore === 0;
    await catalogue.insertNotification(
      tx.db,
      { cardId: c.cardId, agencyId, kind: expired ? 'expired' : 'expiry_reminder', daysBefore, expiresAt },
      s.now,
    );
    const details = { daysBefore, expiresAt: expiresAt.toISOString() };
    await recordChange(tx, seedWho(s.now), {
      stream: 'service_card',
      id: c.cardId,
      event: expired ? 'expired' : 'expiry_reminded',
      audit: expired ? 'service_card.expire' : 'service_card.remind_expiry',
      agencyId,
      details,
    });
  }
}
