import type { Widen } from './widen';

/**
 * Persian (default) interface strings. `en.ts` must have exactly the same keys: its type is
 * derived from this object. Keep ZWNJ (نیم‌فاصله) in words such as «می‌شود» and «درخواست‌ها».
 */
export const fa = {
  app: {
    name: 'درگاه',
    tagline: 'سامانهٔ خدمات الکترونیک دولت',
    pageTitle: '{{page}} | درگاه',
  },
  a11y: {
    skipToContent: 'پرش به محتوای اصلی',
    primaryNav: 'ناوبری اصلی',
    menu: 'منو',
    homeLink: 'درگاه، صفحهٔ اصلی',
    breadcrumb: 'مسیر صفحه',
  },
  nav: {
    home: 'صفحهٔ اصلی',
    me: 'میز شهروند',
    staff: 'میز کار کارکنان',
    admin: 'مدیریت سامانه',
  },
  language: {
    /** Label of the switch: the name of the *other* language, in that language. */
    switchTo: 'English',
    switchToCode: 'en',
  },
  common: {
    loading: 'در حال بارگیری…',
    retry: 'تلاش دوباره',
    cancel: 'انصراف',
    refused: 'انجام نشد',
    save: 'ذخیره',
    yes: 'بله',
    no: 'خیر',
    loadMore: 'نمایش موارد بیشتر',
    loadMoreFailed: 'موارد بیشتر دریافت نشد؛ دوباره تلاش کنید.',
    copied: 'کپی شد.',
    copyFailed: 'کپی نشد؛ کد را انتخاب و دستی کپی کنید.',
  },
  form: {
    optional: '(اختیاری)',
    choose: 'انتخاب کنید',
    errorPrefix: 'خطا: ',
    summaryTitle: 'لطفاً این موارد را درست کنید:',
  },
  validation: {
    required: 'این بخش را پر کنید.',
    choose: 'یکی از گزینه‌ها را انتخاب کنید.',
    mustBeChecked: 'برای ادامه باید این گزینه را تأیید کنید.',
    tooShort_one: 'دست‌کم {{n}} نویسه بنویسید.',
    tooShort_other: 'دست‌کم {{n}} نویسه بنویسید.',
    tooLong_one: 'حداکثر {{n}} نویسه مجاز است.',
    tooLong_other: 'حداکثر {{n}} نویسه مجاز است.',
    notNumber: 'یک عدد وارد کنید.',
    notInteger: 'یک عدد صحیح (بدون اعشار) وارد کنید.',
    tooSmall: 'عدد باید دست‌کم {{n}} باشد.',
    tooLarge: 'عدد باید حداکثر {{n}} باشد.',
    pattern: 'قالب این مقدار درست نیست.',
    email: 'نشانی رایانامه درست نیست؛ مانند name@example.ir',
    digitsOnly: 'فقط رقم وارد کنید.',
    nationalCodeRequired: 'کد ملی را وارد کنید.',
    nationalCodeLength: 'کد ملی ۱۰ رقم است.',
    nationalCodeInvalid: 'این کد ملی معتبر نیست؛ رقم‌ها را دوباره بررسی کنید.',
    mobileRequired: 'شمارهٔ تلفن همراه را وارد کنید.',
    mobileInvalid: 'شمارهٔ تلفن همراه درست نیست؛ مانند ۰۹۱۲۳۴۵۶۷۸۹',
    postalCodeLength: 'کد پستی ۱۰ رقم است.',
    postalCodeInvalid: 'در پنج رقم نخست کد پستی ۰ و ۲ نمی‌آید و همهٔ رقم‌هایش یکسان نیست؛ مانند ۱۶۱۹۷۳۵۷۴۴.',
    legalIdLength: 'شناسهٔ ملی اشخاص حقوقی ۱۱ رقم است.',
    legalIdInvalid: 'این شناسهٔ ملی معتبر نیست؛ رقم‌ها را دوباره بررسی کنید.',
    otpFormat: 'کد ۶ رقمی پیامک‌شده را وارد کنید.',
    usernameRequired: 'نام کاربری را وارد کنید.',
    passwordRequired: 'گذرواژه را وارد کنید.',
    username: 'نام کاربری ۳ تا ۶۴ نویسه از حروف لاتین، رقم، نقطه، خط تیره یا زیرخط است.',
    passwordLength: 'گذرواژه باید دست‌کم {{n}} نویسه باشد.',
    passwordSimple: 'گذرواژه باید هم حرف و هم رقم داشته باشد.',
    passwordHasUsername: 'گذرواژه نباید نام کاربری را در خود داشته باشد.',
  },
  notFound: {
    title: 'صفحه پیدا نشد',
    body: 'نشانی «<addr>{{path}}</addr>» در درگاه وجود ندارد. ممکن است نشانی اشتباه نوشته شده باشد یا صفحه جابه‌جا شده باشد.',
    home: 'رفتن به صفحهٔ اصلی',
  },
  footer: {
    about: 'درگاه نرم‌افزاری آزاد با پروانهٔ AGPL-3.0 است.',
    today: 'امروز {{date}}',
  },
  errors: {
    pageTitle: 'این صفحه باز نشد',
    network: 'ارتباط با سامانه برقرار نشد. اتصال خود را بررسی کنید و دوباره تلاش کنید.',
    badResponse: 'پاسخ سامانه قابل خواندن نبود.',
    unexpected: 'خطای پیش‌بینی‌نشده‌ای رخ داد. کمی بعد دوباره تلاش کنید.',
    requestId: 'شناسهٔ پیگیری: {{id}}',
  },
  /** Role names (staff administration, the staff home, the public verification's signers). */
  roles: {
    desk_clerk: 'کارمند میز خدمت',
    expert: 'کارشناس',
    unit_manager: 'مدیر واحد',
    secretariat: 'دبیرخانه',
    agency_admin: 'مدیر سامانهٔ دستگاه',
    central_reviewer: 'بازبین مرکزی',
    oversight_auditor: 'بازرس نظارتی',
    platform_admin: 'مدیر درگاه',
    call_centre_operator: 'اپراتور مرکز تماس',
    provincial_evaluator: 'ارزیاب استانی',
    counter_operator: 'اپراتور دفتر پیشخوان',
  },
};

/** The shape every language's resource must have. */
export type Messages = Widen<typeof fa>;
