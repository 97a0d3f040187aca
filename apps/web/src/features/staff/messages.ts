import type { Widen } from '../../lib/i18n/widen';

/** Persian interface strings of the staff home (under `staffHome.` in the catalogue). */
export const fa = {
  lead: 'آنچه نقش‌های شما در {{agency}} اجازه می‌دهد.',
  leadNoAgency: 'آنچه نقش‌های شما اجازه می‌دهد.',
  sections: 'بخش‌های کار شما',
  nothing: {
    title: 'هنوز بخشی از درگاه برای کار شما باز نیست',
    body: 'نقش‌های کنونی شما ({{roles}}) کاری را در درگاه باز نمی‌کنند. مدیر سامانهٔ دستگاه شما می‌تواند نقش‌هایتان را تغییر دهد.',
    noRoles: 'بی‌نقش',
  },
  review: {
    title: 'صف بررسی شناسنامه‌ها',
    desc: 'شناسنامه‌هایی که منتظر تصمیم شما هستند، قدیمی‌ترین نخست.',
    central: 'در بررسی مرکزی',
    renewal: 'در بررسی تمدید',
    parent: 'در بررسی دستگاه مادر',
    parentOverdue: '{{n}} مورد از مهلت یک‌هفته‌ای گذشته است و به بررسی مرکزی می‌رود.',
    empty: 'شناسنامه‌ای منتظر بررسی شما نیست.',
    loading: 'در حال شمردن صف بررسی…',
  },
  delivery: {
    title: 'ردیف‌های بی‌شناسهٔ گزارش‌های استانی',
    desc: 'ردیف‌هایی از گزارش سالانهٔ ادارات استانی که شناسهٔ خدمت ندارند و منتظر بررسی مرکزی‌اند.',
    pending: 'در انتظار بررسی',
    empty: 'ردیفی در انتظار بررسی نیست.',
    loading: 'در حال شمردن ردیف‌ها…',
  },
  cards: {
    descDrafting: 'تهیه، ارسال و پیگیری شناسنامهٔ خدمات دستگاه.',
    descReading: 'شناسنامهٔ خدمات دستگاه‌ها و وضعیت بررسی آن‌ها.',
    counts: 'شمار شناسنامه‌ها بر پایهٔ وضعیت',
    total: 'همه',
    empty: 'هنوز شناسنامه‌ای نیست.',
    new: 'شناسنامهٔ تازه',
    import: 'ورود از پرونده',
    loading: 'در حال شمردن شناسنامه‌ها…',
  },
  audit: {
    descAll: 'همهٔ رویدادهای درگاه، با فیلتر، چاپ و دریافت CSV.',
    descAgencies: 'رویدادهای دستگاه‌هایی که مدیریت می‌کنید، با فیلتر، چاپ و دریافت CSV.',
  },
  admin: {
    desc: 'دستگاه‌ها، واحدها، کارکنان، نقش‌ها، جانشینی‌ها و توکن‌های سامانه‌ای.',
    agencies: 'دستگاه‌هایی که مدیریت می‌کنید',
    empty: 'دستگاهی برای مدیریت ندارید.',
    more: 'و {{n}} دستگاه دیگر',
    loading: 'در حال دریافت دستگاه‌ها…',
  },
  tools: {
    title: 'ابزارهای سامانهٔ مدیریت خدمات',
    architecture: 'معماری خدمات',
    architectureDesc: 'حوزه‌ها، لایه‌ها، دسته‌ها و خدمات تکراری یا قابل حذف.',
    licences: 'مجوزها',
    licencesDesc: 'دفتر مجوزها و پیوند آن‌ها با شناسهٔ خدمت.',
    reports: 'گزارش‌ها',
    reportsDesc: 'گزارش سالانهٔ ارائهٔ خدمات و گزارش مغایرت‌ها.',
  },
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  lead: 'What your roles at {{agency}} let you do.',
  leadNoAgency: 'What your roles let you do.',
  sections: 'Your work',
  nothing: {
    title: 'No part of Dargah is open for your work yet',
    body: 'Your current roles ({{roles}}) open no work in Dargah. Your agency’s administrator can change your roles.',
    noRoles: 'no role',
  },
  review: {
    title: 'Card review queue',
    desc: 'Service cards waiting for your decision, oldest first.',
    central: 'In central review',
    renewal: 'In renewal review',
    parent: 'In parent agency review',
    parentOverdue: '{{n}} past the one-week limit, on their way to central review.',
    empty: 'No card is waiting for your review.',
    loading: 'Counting the review queue…',
  },
  delivery: {
    title: 'Provincial report rows without a service id',
    desc: 'Rows of provincial offices’ yearly reports that name no service id and wait for central review.',
    pending: 'Waiting for review',
    empty: 'No row is waiting for review.',
    loading: 'Counting the rows…',
  },
  cards: {
    descDrafting: 'Draft, submit and follow your agency’s service cards.',
    descReading: 'Agencies’ service cards and where they are in review.',
    counts: 'Cards by status',
    total: 'All',
    empty: 'No card yet.',
    new: 'New card',
    import: 'Import from a file',
    loading: 'Counting the cards…',
  },
  audit: {
    descAll: 'Every entry of Dargah, with filters, printing and CSV download.',
    descAgencies: 'The entries of the agencies you administer, with filters, printing and CSV download.',
  },
  admin: {
    desc: 'Agencies, units, staff, roles, delegations and system tokens.',
    agencies: 'Agencies you administer',
    empty: 'You administer no agency.',
    more: 'and {{n}} more',
    loading: 'Loading agencies…',
  },
  tools: {
    title: 'Services management tools',
    architecture: 'Service architecture',
    architectureDesc: 'Domains, layers, categories, and duplicate or removable services.',
    licences: 'Licences',
    licencesDesc: 'The licence register and its links to service ids.',
    reports: 'Reports',
    reportsDesc: 'Yearly delivery reports and the discrepancy report.',
  },
};
