import type { Widen } from '../../lib/i18n/widen';

/** Persian strings of the call centre's screen (under `callCentre.` in the workspace catalogue). */
const fa = {
  title: 'پاسخ‌گویی مرکز تماس',
  loading: 'در حال باز کردن مرکز تماس…',
  lead: 'وضعیت درخواست تماس‌گیرنده را پس از احراز هویت او بگویید.',
  agencies: 'درخواست‌های این دستگاه‌ها را می‌توانید ببینید:',
  formTitle: 'احراز هویت تماس‌گیرنده',
  audited_one: 'هر جست‌وجو با نام شما در ردپای حسابرسی ثبت می‌شود؛ در هر دقیقه تا {{n}} جست‌وجو.',
  audited_other: 'هر جست‌وجو با نام شما در ردپای حسابرسی ثبت می‌شود؛ در هر دقیقه تا {{n}} جست‌وجو.',
  trackingCode: 'کد رهگیری',
  nationalCode: 'کد ملی تماس‌گیرنده',
  mobileLast4: 'چهار رقم آخر تلفن همراه',
  help: {
    trackingCode: 'کد ۱۰ رقمی رسید، همان‌گونه که تماس‌گیرنده می‌گوید.',
    nationalCode: 'از تماس‌گیرنده بپرسید؛ آن را به او نگویید.',
    mobileLast4: 'چهار رقم آخر شماره‌ای که تماس‌گیرنده در درگاه ثبت کرده است.',
  },
  submit: 'بررسی و نمایش وضعیت',
  next: 'تماس بعدی',
  verified: 'مشخصات تماس‌گیرنده با درخواست می‌خواند.',
  notVerified: 'احراز هویت نشد',
  home: {
    title: 'مرکز تماس',
    desc: 'وضعیت درخواست تماس‌گیرندگان را پس از احراز هویت آن‌ها ببینید.',
  },
};

const en: Widen<typeof fa> = {
  title: 'Call centre',
  loading: 'Opening the call centre…',
  lead: 'Tell callers the status of their request once you have checked who they are.',
  agencies: 'You can see the requests of:',
  formTitle: 'Check the caller',
  audited_one: 'Every lookup is recorded in the audit trail with your name; up to {{n}} lookup a minute.',
  audited_other: 'Every lookup is recorded in the audit trail with your name; up to {{n}} lookups a minute.',
  trackingCode: 'Tracking code',
  nationalCode: 'Caller’s national code',
  mobileLast4: 'Last four digits of the mobile',
  help: {
    trackingCode: 'The 10-digit code on the receipt, as the caller reads it.',
    nationalCode: 'Ask the caller for it; never read it out to them.',
    mobileLast4: 'The last four digits of the number the caller has on file at Dargah.',
  },
  submit: 'Check and show the status',
  next: 'Next call',
  verified: 'The caller’s details match the request.',
  notVerified: 'Not verified',
  home: {
    title: 'Call centre',
    desc: 'See the status of callers’ requests after checking who they are.',
  },
};

/** This feature's workspace strings; `app/messages.workspace.ts` joins them. */
export const workspaceMessages = { fa: { callCentre: fa }, en: { callCentre: en } };
