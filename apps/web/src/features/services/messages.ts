import type { Widen } from '../../lib/i18n/widen';

/**
 * Persian strings of the desk's story with the catalogue (under `deskAvailability.` in the catalogue): whether a
 * desk service takes requests, and if not, why and how else it is delivered.
 */
export const fa = {
  badge: {
    expired: 'شناسنامهٔ خدمت منقضی شده',
    not_electronic: 'درخواست غیرالکترونیکی',
    notInCatalogue: 'بدون شناسهٔ مصوب',
  },
  expiredTitle: 'اعتبار شناسنامهٔ این خدمت به پایان رسیده است',
  expiredBody: 'تا شناسنامهٔ این خدمت تمدید نشود، درخواست تازه پذیرفته نمی‌شود. درخواست‌های پیشین شما پیگیری می‌شوند.',
  notElectronicTitle: 'این خدمت به‌صورت الکترونیکی درخواست نمی‌شود',
  notElectronicBody:
    'بنا بر شناسنامهٔ خدمت، درخواست آن از این راه‌هاست؛ نشانی دفترها و ساعت کار در بستهٔ اطلاعات خدمت آمده است.',
  notInCatalogue: 'این خدمت هنوز شناسهٔ مصوب در فهرست خدمات دولت ندارد.',
  openPackage: 'بستهٔ اطلاعات خدمت',
  unavailableTitle: 'این خدمت درخواست تازه نمی‌پذیرد',
};

/** English: exactly the keys of `fa`. */
export const en: Widen<typeof fa> = {
  badge: {
    expired: 'Service card expired',
    not_electronic: 'Not requested online',
    notInCatalogue: 'No approved service id',
  },
  expiredTitle: 'This service’s identity card has expired',
  expiredBody: 'No new requests are taken until its card is renewed. Your earlier requests are still handled.',
  notElectronicTitle: 'This service is not requested online',
  notElectronicBody:
    'According to its card it is requested as below; the offices and opening hours are in the service’s information package.',
  notInCatalogue: 'This service has no approved id in the government service catalogue yet.',
  openPackage: 'Service information package',
  unavailableTitle: 'This service takes no new requests',
};

/** Persian strings under `catalogue.` in the interface catalogue. */
const catalogueFa = {
  title: 'خدمات دستگاه‌ها',
  lead: 'خدمتی را که می‌خواهید انتخاب کنید تا شرح آن، مهلت پاسخ و راه درخواست را ببینید.',
  loading: 'در حال دریافت فهرست دستگاه‌ها و خدمات…',
  error: 'فهرست خدمات دریافت نشد.',
  emptyTitle: 'هنوز خدمتی منتشر نشده است',
  emptyBody: 'دستگاه‌ها پس از تعریف خدمات خود، آن‌ها را اینجا منتشر می‌کنند.',
  noServices: 'این دستگاه هنوز خدمت الکترونیکی منتشر نکرده است.',
};

const catalogueEn: Widen<typeof catalogueFa> = {
  title: 'Services of the agencies',
  lead: 'Choose a service to see what it is, how long an answer takes and how to apply.',
  loading: 'Loading the agencies and their services…',
  error: 'The list of services could not be loaded.',
  emptyTitle: 'No service has been published yet',
  emptyBody: 'Agencies publish their services here once they have defined them.',
  noServices: 'This agency has not published an online service yet.',
};

/** Persian strings under `services.` in the interface catalogue. */
const servicesFa = {
  loadingTitle: 'در حال دریافت خدمت…',
  errorTitle: 'خدمت پیدا نشد',
  backToCatalogue: 'بازگشت به فهرست خدمات',
  about: 'شرح خدمت',
  noDescription: 'شرحی برای این خدمت ثبت نشده است.',
  facts: 'مشخصات',
  agency: 'دستگاه ارائه‌دهنده',
  norm: 'مهلت پاسخ',
  fee: 'هزینه',
  feeFixed: '{{amount}}، پیش از ثبت درخواست از درگاه پرداخت',
  feeNone: 'رایگان',
  normDays_one: '{{n}} روز کاری',
  normDays_other: '{{n}} روز کاری',
  recipients: 'گیرندگان خدمت',
  recipientKinds: {
    G2C: 'شهروندان',
    G2B: 'کسب‌وکارها',
    G2G: 'دستگاه‌های دولتی',
  },
  apply: 'درخواست این خدمت',
  applyNeedsSignIn: 'برای درخواست، ابتدا با کد ملی و تلفن همراه وارد می‌شوید و سپس به همین خدمت برمی‌گردید.',
  catalogueId: 'شناسه خدمت',
  catalogueIdHelp: 'شناسهٔ مصوب این خدمت در فهرست خدمات دولت؛ بستهٔ اطلاعات خدمت را باز می‌کند.',
};

const servicesEn: Widen<typeof servicesFa> = {
  loadingTitle: 'Loading the service…',
  errorTitle: 'Service not found',
  backToCatalogue: 'Back to the list of services',
  about: 'About this service',
  noDescription: 'No description has been given for this service.',
  facts: 'Details',
  agency: 'Provided by',
  norm: 'Answer within',
  fee: 'Fee',
  feeFixed: '{{amount}}, paid through the payment gateway before submitting',
  feeNone: 'Free',
  normDays_one: '{{n}} working day',
  normDays_other: '{{n}} working days',
  recipients: 'For',
  recipientKinds: {
    G2C: 'Citizens',
    G2B: 'Businesses',
    G2G: 'Government agencies',
  },
  apply: 'Apply for this service',
  applyNeedsSignIn:
    'To apply, you first sign in with your national code and mobile number, then come back to this service.',
  catalogueId: 'Service id',
  catalogueIdHelp:
    'The approved id of this service in the government service catalogue; opens its information package.',
};

/** Persian strings under `apply.` in the interface catalogue. */
const applyFa = {
  loadingTitle: 'در حال آماده‌سازی فرم…',
  errorTitle: 'فرم این خدمت باز نشد',
  lead: '{{agency}} · مهلت پاسخ {{n}} روز کاری',
  formTitle: 'فرم درخواست',
  formLead: 'بخش‌های بدون «(اختیاری)» را حتماً پر کنید. پس از ثبت، کد رهگیری بی‌درنگ نمایش داده می‌شود.',
  unsupportedTitle: 'بخشی از این فرم در اینجا نمایش داده نمی‌شود',
  unsupportedBody:
    'این بخش‌ها هنوز در نسخهٔ وب پشتیبانی نمی‌شوند: {{fields}}. اگر الزامی باشند، دستگاه درخواست را نمی‌پذیرد.',
  noFields: 'این خدمت فرمی ندارد؛ برای ثبت درخواست دکمهٔ زیر را بزنید.',
  submit: 'ثبت درخواست',
  submitting: 'در حال ثبت…',
  failed: 'درخواست ثبت نشد',
  postal: {
    legend: 'دریافت پاسخ',
    choose: 'پاسخ را با پست دریافت می‌کنم',
    help: 'پاسخ پس از صدور به شرکت ملی پست سپرده می‌شود و کد رهگیری پستی آن در صفحهٔ درخواست نمایش داده می‌شود.',
    where: 'نشانی ارسال',
    toProfile: 'به نشانی نمایهٔ من',
    toGiven: 'به نشانی دیگری که اینجا وارد می‌کنم',
    noProfileAddress: 'نشانی و کد پستی در نمایهٔ شما نیست؛ آن‌ها را اینجا وارد کنید.',
    postalCode: 'کد پستی',
    address: 'نشانی',
    recipientName: 'نام گیرنده',
  },
};

const applyEn: Widen<typeof applyFa> = {
  loadingTitle: 'Preparing the form…',
  errorTitle: 'The form of this service could not be opened',
  lead: '{{agency}} · answer within {{n}} working days',
  formTitle: 'Application form',
  formLead: 'Fill in every field not marked “(optional)”. Your tracking code is shown as soon as you submit.',
  unsupportedTitle: 'Part of this form cannot be shown here',
  unsupportedBody:
    'These parts are not supported by the web app yet: {{fields}}. If they are required, the agency will not accept the application.',
  noFields: 'This service has no form; use the button below to apply.',
  submit: 'Submit application',
  submitting: 'Submitting…',
  failed: 'The application was not submitted',
  postal: {
    legend: 'Receiving the answer',
    choose: 'Receive the answer by post',
    help: 'Once issued, the answer is handed to the national post; its postal tracking number is shown on the request’s page.',
    where: 'Delivery address',
    toProfile: 'To the address on my profile',
    toGiven: 'To another address I enter here',
    noProfileAddress: 'Your profile has no address and postal code; enter them here.',
    postalCode: 'Postal code',
    address: 'Address',
    recipientName: 'Recipient’s name',
  },
};

/** Persian strings under `deskForm.` (the rjsf desk form, form/). */
const deskFormFa = {
  minItems: 'دست‌کم {{n}} مورد بیفزایید.',
  maxItems: 'حداکثر {{n}} مورد مجاز است.',
  wrongType: 'نوع مقدار درست نیست.',
  notValid: 'این مقدار معتبر نیست.',
  badDate: 'روز، ماه و سال را انتخاب کنید.',
  day: 'روز',
  month: 'ماه',
  year: 'سال',
  province: 'استان',
  county: 'شهرستان',
  addItem: 'افزودن به «{{title}}»',
  moveUp: 'بالا بردن مورد {{n}}',
  moveDown: 'پایین آوردن مورد {{n}}',
  removeItem: 'حذف مورد {{n}}',
};

const deskFormEn: Widen<typeof deskFormFa> = {
  minItems: 'Add at least {{n}} items.',
  maxItems: 'At most {{n}} items are allowed.',
  wrongType: 'The value has the wrong type.',
  notValid: 'This value is not valid.',
  badDate: 'Choose the day, month and year.',
  day: 'Day',
  month: 'Month',
  year: 'Year',
  province: 'Province',
  county: 'County',
  addItem: 'Add to “{{title}}”',
  moveUp: 'Move item {{n}} up',
  moveDown: 'Move item {{n}} down',
  removeItem: 'Remove item {{n}}',
};

/** This feature's strings under their keys in the interface catalogue; `app/messages.ts` joins the features. */
export const messages = {
  fa: { deskAvailability: fa, catalogue: catalogueFa, services: servicesFa, apply: applyFa, deskForm: deskFormFa },
  en: { deskAvailability: en, catalogue: catalogueEn, services: servicesEn, apply: applyEn, deskForm: deskFormEn },
};
