import type { Widen } from '../../lib/i18n/widen';

/** Persian strings of the staff's ratings page (under `feedbackWorkspace.`). */
const fa = {
  title: 'نظر متقاضیان',
  loading: 'در حال دریافت نظرها…',
  lead: 'امتیاز متقاضیان به درخواست‌های پایان‌یافته، به تفکیک دستگاه، خدمت و واحد.',
  byAgency: 'به تفکیک دستگاه',
  byService: 'به تفکیک خدمت',
  byUnit: 'به تفکیک واحد',
  headquarters: 'ستاد (بدون واحد)',
  agency: 'دستگاه',
  service: 'خدمت',
  unit: 'واحد',
  count: 'شمار نظرها',
  mean: 'میانگین امتیاز',
  stars: 'شمار {{n}} ستاره',
  none: 'هنوز نظری ثبت نشده است.',
  low: {
    title: 'نظرهای کم‌امتیاز (۱ و ۲)',
    lead: 'برای مدیران واحد: نظرهای ناراضی با توضیح متقاضی، تازه‌ترین نخست.',
    none: 'نظر کم‌امتیازی نیست.',
    trackingCode: 'کد رهگیری',
    rating: 'امتیاز',
    comment: 'توضیح',
    noComment: 'بی‌توضیح',
    givenAt: 'زمان ثبت',
    more: 'نظرهای بیشتر',
  },
  home: {
    title: 'نظر متقاضیان',
    desc: 'امتیازها به تفکیک خدمت و واحد، و نظرهای ناراضی.',
  },
};

const en: Widen<typeof fa> = {
  title: 'Applicants’ ratings',
  loading: 'Loading the ratings…',
  lead: 'Applicants’ ratings of their closed requests, by agency, service and office.',
  byAgency: 'By agency',
  byService: 'By service',
  byUnit: 'By office',
  headquarters: 'Headquarters (no unit)',
  agency: 'Agency',
  service: 'Service',
  unit: 'Office',
  count: 'Ratings',
  mean: 'Mean rating',
  stars: '{{n}}-star ratings',
  none: 'No ratings yet.',
  low: {
    title: 'Low ratings (1 and 2)',
    lead: 'For unit managers: unhappy applicants with their comments, newest first.',
    none: 'No low ratings.',
    trackingCode: 'Tracking code',
    rating: 'Rating',
    comment: 'Comment',
    noComment: 'No comment',
    givenAt: 'Given',
    more: 'More ratings',
  },
  home: {
    title: 'Applicants’ ratings',
    desc: 'Ratings by service and office, and unhappy applicants.',
  },
};

/** This feature's workspace strings; `app/messages.workspace.ts` joins them. */
export const workspaceMessages = { fa: { feedbackWorkspace: fa }, en: { feedbackWorkspace: en } };
