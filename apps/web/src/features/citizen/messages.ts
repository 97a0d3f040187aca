import type { Widen } from '../../lib/i18n/widen';

/** Persian strings under `me.` in the interface catalogue. */
const meFa = {
  title: 'میز شهروند',
  lead: 'درخواست‌هایی که ثبت کرده‌اید و مشخصات شما.',
  greeting: '{{name}}، خوش آمدید. درخواست‌ها و مشخصات شما اینجاست.',
  requests: {
    title: 'درخواست‌های من',
    new: 'درخواست تازه',
    emptyTitle: 'هنوز درخواستی ثبت نکرده‌اید',
    emptyBody: 'از فهرست خدمات دستگاه‌ها، خدمتی را انتخاب و درخواست کنید؛ رسید و وضعیت آن اینجا نمایش داده می‌شود.',
    browse: 'دیدن فهرست خدمات',
  },
  profile: {
    title: 'مشخصات من',
    lead: 'یک بار وارد کنید؛ فرم خدمات با همین مشخصات پر می‌شود.',
    edit: 'ویرایش مشخصات',
    saved: 'مشخصات شما ذخیره شد.',
    notGiven: 'وارد نشده',
    nationalCode: 'کد ملی',
    legalId: 'شناسهٔ ملی',
    mobile: 'تلفن همراه',
    name: 'نام و نام خانوادگی',
    postalCode: 'کد پستی',
    postalCodeHelp: '۱۰ رقم، بدون خط تیره.',
    address: 'نشانی',
  },
};

const meEn: Widen<typeof meFa> = {
  title: 'My services',
  lead: 'The requests you have submitted and your details.',
  greeting: 'Welcome, {{name}}. Your requests and details are here.',
  requests: {
    title: 'My requests',
    new: 'New request',
    emptyTitle: 'You have not submitted a request yet',
    emptyBody: 'Choose a service from the agencies’ catalogue and apply; its receipt and status appear here.',
    browse: 'See the list of services',
  },
  profile: {
    title: 'My details',
    lead: 'Enter them once; service forms are filled in from them.',
    edit: 'Edit details',
    saved: 'Your details have been saved.',
    notGiven: 'Not given',
    nationalCode: 'National code',
    legalId: 'National id',
    mobile: 'Mobile',
    name: 'Full name',
    postalCode: 'Postal code',
    postalCodeHelp: '10 digits, without a dash.',
    address: 'Address',
  },
};

/** This feature's strings under their keys in the interface catalogue; `app/messages.ts` joins the features. */
export const messages = {
  fa: { me: meFa },
  en: { me: meEn },
};
