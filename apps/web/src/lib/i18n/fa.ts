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
  home: {
    title: 'درگاه',
    subtitle: 'سامانهٔ یکپارچهٔ خدمات الکترونیک دستگاه‌های اجرایی',
    intro:
      'درگاه نرم‌افزاری آزاد و متن‌باز است که دستگاه‌های اجرایی با آن خدمات خود را به‌صورت الکترونیک به شهروندان و کسب‌وکارها ارائه می‌کنند: از ثبت و پیگیری درخواست با کد رهگیری تا کارتابل کارکنان، مکاتبات اداری و امضای الکترونیک.',
    intro2:
      'هر اقدام روی یک پرونده با نام انجام‌دهنده و زمان آن ثبت می‌شود و تاریخ‌ها به تقویم هجری خورشیدی نمایش داده می‌شوند.',
    areasTitle: 'بخش‌های درگاه',
    areas: {
      me: 'درخواست‌ها، پرونده‌ها و پیام‌های شما در یک جا.',
      staff: 'کارتابل درخواست‌ها و نامه‌هایی که به شما ارجاع شده است.',
      admin: 'تعریف دستگاه‌ها، خدمات، نقش‌ها و تنظیمات درگاه.',
    },
    open: 'ورود به {{area}}',
  },
  status: {
    title: 'وضعیت سامانه',
    loading: 'در حال بررسی وضعیت سامانه…',
    ready: 'سامانه آماده است',
    notReady: 'سامانه هنوز آماده نیست',
    database: 'پایگاه داده',
    databaseReady: 'آماده',
    databaseNotReady: 'در دسترس نیست',
    databaseKind: {
      embedded: 'تعبیه‌شده (PGlite)',
      server: 'سرور PostgreSQL',
    },
    migrations: 'ساختار پایگاه داده',
    migrationsCurrent: 'به‌روز است',
    migrationsPending_one: '{{n}} تغییر در انتظار اجرا',
    migrationsPending_other: '{{n}} تغییر در انتظار اجرا',
    simulators: 'شبیه‌سازهای فعال',
    simulatorsHelp: 'سامانه‌های ملی که در این استقرار به جای اتصال واقعی با شبیه‌ساز محلی کار می‌کنند.',
    noSimulators: 'هیچ شبیه‌سازی فعال نیست.',
    checkedAt: 'آخرین بررسی: {{time}}',
    error: 'وضعیت سامانه دریافت نشد.',
    retry: 'بررسی دوباره',
  },
  signIn: {
    title: 'ورود به سامانه در نسخهٔ بعدی',
    body: 'ورود کاربران هنوز فعال نشده است و در نسخهٔ بعدی درگاه اضافه می‌شود. تا آن زمان این بخش اطلاعاتی برای نمایش ندارد.',
    backHome: 'بازگشت به صفحهٔ اصلی',
  },
  me: {
    title: 'میز شهروند',
    lead: 'درخواست‌هایی که ثبت کرده‌اید، پرونده‌های در جریان و پیام‌های دستگاه‌ها اینجا نمایش داده می‌شود.',
  },
  staff: {
    title: 'میز کار کارکنان',
    lead: 'درخواست‌ها و نامه‌هایی که به شما ارجاع شده است، به ترتیب مهلت رسیدگی.',
    cartable: 'کارتابل',
    cartableEmpty: 'کارتابل شما خالی است',
    cartableEmptyBody: 'پس از فعال شدن ورود به سامانه، موارد ارجاع‌شده به شما اینجا فهرست می‌شود.',
  },
  admin: {
    title: 'مدیریت سامانه',
    lead: 'تعریف دستگاه‌ها، خدمات، نقش‌ها، تقویم تعطیلات و تنظیمات درگاه.',
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
    network: 'ارتباط با سامانه برقرار نشد. اتصال خود را بررسی کنید و دوباره تلاش کنید.',
    badResponse: 'پاسخ سامانه قابل خواندن نبود.',
    unexpected: 'خطای پیش‌بینی‌نشده‌ای رخ داد. کمی بعد دوباره تلاش کنید.',
    requestId: 'شناسهٔ پیگیری: {{id}}',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language's resource must have. */
export type Messages = Widen<typeof fa>;
