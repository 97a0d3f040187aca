import type { Widen } from '../../lib/i18n/widen';

/** Persian strings under `home.` in the interface catalogue. */
const homeFa = {
  title: 'درگاه',
  subtitle: 'سامانهٔ یکپارچهٔ خدمات الکترونیک دستگاه‌های اجرایی',
  intro:
    'درگاه نرم‌افزاری آزاد و متن‌باز است که دستگاه‌های اجرایی با آن خدمات خود را به‌صورت الکترونیک به شهروندان و کسب‌وکارها ارائه می‌کنند: شناسنامه و فهرست خدمات مصوب، ثبت درخواست با کد رهگیری و موعد پاسخ، و کارتابل کارکنان برای رسیدگی و تصمیم.',
  intro2:
    'هر اقدام روی یک پرونده با نام انجام‌دهنده و زمان آن ثبت می‌شود و تاریخ‌ها به تقویم هجری خورشیدی نمایش داده می‌شوند.',
  areasTitle: 'بخش‌های درگاه',
  areas: {
    me: 'درخواست‌ها و رسیدهای شما، و مشخصاتی که فرم خدمات با آن پر می‌شود.',
    staff: 'کارتابل درخواست‌های رسیده به دستگاه شما و شناسنامه خدمات آن.',
    admin: 'دستگاه‌ها، واحدها، کارکنان، نقش‌ها و جانشینی‌ها.',
  },
  open: 'ورود به {{area}}',
};

const homeEn: Widen<typeof homeFa> = {
  title: 'Dargah',
  subtitle: 'One platform for the e-services of executive agencies',
  intro:
    'Dargah is free, open-source software that executive agencies use to deliver their services online to citizens and businesses: the identity cards and catalogue of approved services, requests with a tracking code and an answer date, and the staff work queue where they are handled and decided.',
  intro2:
    'Every action on a case is recorded with who did it and when, and dates are shown in the Solar Hijri calendar for Persian readers.',
  areasTitle: 'Areas of Dargah',
  areas: {
    me: 'Your requests and receipts, and the details service forms are filled with.',
    staff: 'The work queue of requests to your agency, and its service identity cards.',
    admin: 'Agencies, units, staff, roles and delegations.',
  },
  open: 'Go to {{area}}',
};

/** This feature's strings under their keys in the interface catalogue; `app/messages.ts` joins the features. */
export const messages = {
  fa: { home: homeFa },
  en: { home: homeEn },
};
