import type { Widen } from '../../lib/i18n/widen';

/**
 * Persian interface strings of sign-in's refusals (under `signIn.` in the catalogue); the rest of
 * the sign-in pages' strings are under `auth.`, below.
 */
export const fa = {
  retryIn: 'می‌توانید {{time}} دیگر دوباره تلاش کنید.',
  retryNow: 'اکنون می‌توانید دوباره تلاش کنید.',
  citizen: {
    registryUnavailableTitle: 'کد ورود فرستاده نشد',
    tooManyTitle: 'درخواست‌ها بیش از حد مجاز است',
  },
  staff: {
    wrongTitle: 'ورود انجام نشد',
    delayedTitle: 'کمی صبر کنید',
  },
};

export const en: Widen<typeof fa> = {
  retryIn: 'You can try again in {{time}}.',
  retryNow: 'You can try again now.',
  citizen: {
    registryUnavailableTitle: 'No sign-in code was sent',
    tooManyTitle: 'Too many requests',
  },
  staff: {
    wrongTitle: 'Sign-in failed',
    delayedTitle: 'Please wait a little',
  },
};

/** Persian strings under `auth.` in the interface catalogue. */
const authFa = {
  redirecting: 'در حال رفتن به صفحهٔ ورود…',
  signedInAs: 'واردشده با نام',
  unnamed: 'کاربر',
  kind: {
    citizen: 'شهروند',
    staff: 'کارمند',
  },
  signOut: {
    button: 'خروج',
    title: 'خروج از حساب',
    body: 'پس از خروج، برای دیدن درخواست‌ها یا کارتابل باید دوباره وارد شوید.',
    everywhere: 'از همهٔ دستگاه‌ها و مرورگرها خارج شوم',
    everywhereHelp:
      'اگر در رایانه یا گوشی دیگری هم وارد شده‌اید یا گمان می‌کنید کسی به حسابتان دسترسی دارد، این گزینه را بزنید.',
    confirm: 'خروج',
  },
  actFor: {
    labelCitizen: 'اقدام به نام',
    labelStaff: 'اقدام به جانشینی از',
    self: 'خودم',
    bannerLabel: 'اقدام از طرف دیگری',
    banner: 'در حال اقدام از طرف {{name}} هستید؛ هر درخواست یا تصمیمی به نام او ثبت می‌شود.',
    stop: 'بازگشت به اقدام به نام خودم',
  },
  switch: {
    asCitizen: 'شما با حساب شهروندی وارد شده‌اید',
    asStaff: 'شما با حساب کارمندی وارد شده‌اید',
    body: 'اکنون با نام «{{name}}» وارد شده‌اید. برای ورود با حساب دیگر، ابتدا از این حساب خارج شوید.',
    signOut: 'خروج از این حساب',
  },
  citizen: {
    title: 'ورود شهروندان',
    lead: 'با کد ملی و شمارهٔ تلفن همراهی که به نام خودتان است وارد شوید؛ یک کد یک‌بارمصرف برایتان پیامک می‌شود.',
    step1: 'مرحلهٔ ۱ از ۲: کد ملی و تلفن همراه',
    step1Lead: 'رقم‌ها را می‌توانید فارسی یا لاتین بنویسید.',
    nationalCode: 'کد ملی',
    nationalCodeHelp: '۱۰ رقم، همان‌طور که روی کارت ملی آمده است.',
    mobile: 'شمارهٔ تلفن همراه',
    mobileHelp: 'شماره‌ای که سیم‌کارت آن به نام خودتان (همین کد ملی) ثبت شده است؛ مانند ۰۹۱۲۳۴۵۶۷۸۹',
    sendCode: 'دریافت کد ورود',
    step2: 'مرحلهٔ ۲ از ۲: کد پیامک‌شده',
    codeSent: 'کد ورود به شمارهٔ {{mobile}} پیامک شد.',
    code: 'کد ۶ رقمی',
    codeHelp: 'کد را به کسی ندهید؛ کارکنان درگاه هرگز آن را از شما نمی‌خواهند.',
    validFor: 'این کد تا {{time}} دیگر معتبر است.',
    expiredShort: 'زمان اعتبار این کد تمام شده است.',
    expiredTitle: 'کد منقضی شد',
    expiredBody: 'زمان اعتبار کد تمام شده است؛ با «ارسال دوباره کد» کد تازه بگیرید.',
    attemptsLeft_one: '{{n}} بار دیگر می‌توانید تلاش کنید.',
    attemptsLeft_other: '{{n}} بار دیگر می‌توانید تلاش کنید.',
    needNewCode: 'به کد تازه نیاز دارید',
    verify: 'ورود',
    resend: 'ارسال دوباره کد',
    resendIn: 'ارسال دوباره تا {{time}} دیگر ممکن می‌شود.',
    resendNow: 'کد نرسید؟ می‌توانید کد تازه بخواهید.',
    changeNumber: 'تغییر کد ملی یا شماره',
    resent: 'کد تازه به تلفن همراه شما پیامک شد.',
    signedIn: 'شما با حساب شهروندی وارد شده‌اید.',
    continue: 'ادامه',
    devHintTitle: 'محیط توسعه',
    devHint:
      'در این محیط پیامکی فرستاده نمی‌شود؛ کد را در صندوق پیامک شبیه‌ساز ببینید: <outbox>/dev/outbox</outbox> (در زبانهٔ تازه باز می‌شود).',
  },
  staff: {
    title: 'ورود کارکنان',
    lead: 'کارکنان دستگاه‌ها با نام کاربری و گذرواژهٔ سازمانی وارد کارتابل می‌شوند.',
    formTitle: 'نام کاربری و گذرواژه',
    username: 'نام کاربری',
    password: 'گذرواژه',
    submit: 'ورود',
    or: 'یا',
    oidc: 'ورود با حساب سازمانی',
    oidcFailed: 'ورود با حساب سازمانی انجام نشد',
    oidcErrors: {
      OIDC_STATE_INVALID: 'ورود با حساب سازمانی منقضی شده یا در این مرورگر آغاز نشده است؛ دوباره تلاش کنید.',
      OIDC_ACCESS_DENIED: 'ورود با حساب سازمانی لغو یا رد شد.',
      OIDC_PROVIDER_ERROR: 'سامانهٔ ورود سازمانی خطا داد؛ کمی بعد دوباره تلاش کنید.',
      OIDC_PROVIDER_UNAVAILABLE: 'سامانهٔ ورود سازمانی در دسترس نیست؛ کمی بعد دوباره تلاش کنید یا با گذرواژه وارد شوید.',
      OIDC_SIGN_IN_FAILED: 'ورود با حساب سازمانی انجام نشد؛ دوباره تلاش کنید.',
      OIDC_UNKNOWN_ACCOUNT: 'این حساب سازمانی به هیچ کارمندی در درگاه وصل نیست؛ با مدیر دستگاه خود تماس بگیرید.',
      OIDC_ACCOUNT_INACTIVE: 'حساب کارمندی شما غیرفعال است.',
      OTHER: 'ورود با حساب سازمانی انجام نشد؛ دوباره تلاش کنید یا با گذرواژه وارد شوید.',
    },
  },
};

const authEn: Widen<typeof authFa> = {
  redirecting: 'Going to the sign-in page…',
  signedInAs: 'Signed in as',
  unnamed: 'User',
  kind: {
    citizen: 'Citizen',
    staff: 'Staff',
  },
  signOut: {
    button: 'Sign out',
    title: 'Sign out',
    body: 'After signing out you need to sign in again to see your requests or work queue.',
    everywhere: 'Sign me out on every device and browser',
    everywhereHelp:
      'Choose this if you are also signed in on another computer or phone, or think someone else can use your account.',
    confirm: 'Sign out',
  },
  actFor: {
    labelCitizen: 'Act as',
    labelStaff: 'Act as deputy for',
    self: 'Myself',
    bannerLabel: 'Acting for someone else',
    banner: 'You are acting for {{name}}: every request or decision is recorded in their name.',
    stop: 'Act as myself again',
  },
  switch: {
    asCitizen: 'You are signed in with a citizen account',
    asStaff: 'You are signed in with a staff account',
    body: 'You are signed in as “{{name}}”. To sign in with another account, sign out of this one first.',
    signOut: 'Sign out of this account',
  },
  citizen: {
    title: 'Citizen sign-in',
    lead: 'Sign in with your national code and a mobile number registered in your name; a one-time code is sent to it by text message.',
    step1: 'Step 1 of 2: national code and mobile',
    step1Lead: 'You can type the digits in Persian or Latin.',
    nationalCode: 'National code',
    nationalCodeHelp: '10 digits, as on your national ID card.',
    mobile: 'Mobile number',
    mobileHelp: 'A number whose SIM card is registered in your own name (this national code), such as 09123456789',
    sendCode: 'Send me a sign-in code',
    step2: 'Step 2 of 2: the code we sent',
    codeSent: 'A sign-in code was sent to {{mobile}}.',
    code: '6-digit code',
    codeHelp: 'Never share this code; Dargah staff will never ask you for it.',
    validFor: 'This code is valid for another {{time}}.',
    expiredShort: 'This code has expired.',
    expiredTitle: 'The code has expired',
    expiredBody: 'The code is no longer valid; use “Send a new code” to get another one.',
    attemptsLeft_one: 'You can try {{n}} more time.',
    attemptsLeft_other: 'You can try {{n}} more times.',
    needNewCode: 'You need a new code',
    verify: 'Sign in',
    resend: 'Send a new code',
    resendIn: 'You can ask for a new code in {{time}}.',
    resendNow: 'No code? You can ask for a new one.',
    changeNumber: 'Change national code or number',
    resent: 'A new code was sent to your mobile.',
    signedIn: 'You are signed in with your citizen account.',
    continue: 'Continue',
    devHintTitle: 'Development environment',
    devHint:
      'No text messages are sent here; read the code in the simulator outbox: <outbox>/dev/outbox</outbox> (opens in a new tab).',
  },
  staff: {
    title: 'Staff sign-in',
    lead: 'Agency staff sign in to their work queue with their organisation username and password.',
    formTitle: 'Username and password',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    or: 'or',
    oidc: 'Sign in with your organisation account',
    oidcFailed: 'The organisation sign-in did not succeed',
    oidcErrors: {
      OIDC_STATE_INVALID: 'The organisation sign-in expired or was not started in this browser; please try again.',
      OIDC_ACCESS_DENIED: 'The organisation sign-in was cancelled or refused.',
      OIDC_PROVIDER_ERROR: 'The organisation sign-in service returned an error; please try again shortly.',
      OIDC_PROVIDER_UNAVAILABLE:
        'The organisation sign-in service is unavailable; try again shortly or sign in with your password.',
      OIDC_SIGN_IN_FAILED: 'The organisation sign-in could not be completed; please try again.',
      OIDC_UNKNOWN_ACCOUNT:
        'This organisation account is not linked to any staff member in Dargah; contact your agency administrator.',
      OIDC_ACCOUNT_INACTIVE: 'Your staff account is deactivated.',
      OTHER: 'The organisation sign-in did not succeed; try again or sign in with your password.',
    },
  },
};

/** This feature's strings under their keys in the interface catalogue; `app/messages.ts` joins the features. */
export const messages = {
  fa: { signIn: fa, auth: authFa },
  en: { signIn: en, auth: authEn },
};
