import { defineErrors, errorClassOf, type ErrorCodeOf } from '../../platform/http/errors';

/** Identity and access refusals, each with a stable code and Persian and English text. */
export const identityErrors = defineErrors({
  INVALID_CREDENTIALS: { status: 401, fa: 'نام کاربری یا گذرواژه درست نیست.', en: 'The username or password is not correct.' },
  SIGN_IN_DELAYED: { status: 429, fa: 'پس از چند تلاش ناموفق پیاپی، باید کمی صبر کنید و سپس دوباره تلاش کنید.', en: 'After several failed attempts in a row, please wait a little before trying again.' },
  CSRF_TOKEN_INVALID: { status: 403, fa: 'درخواست از صفحه معتبر سامانه ارسال نشده است؛ صفحه را دوباره بارگذاری کنید.', en: 'The request did not come from a valid page of this system; reload the page.' },
  OTP_INVALID: { status: 400, fa: 'کد یک‌بارمصرف درست نیست.', en: 'The one-time code is not correct.' },
  OTP_EXPIRED: { status: 400, fa: 'کد یک‌بارمصرف منقضی شده است؛ کد تازه بگیرید.', en: 'The one-time code has expired; request a new one.' },
  OTP_TOO_MANY_ATTEMPTS: { status: 429, fa: 'تعداد تلاش‌های نادرست از حد گذشته است؛ کد تازه بگیرید.', en: 'Too many wrong attempts; request a new code.' },
  OTP_TOO_MANY_REQUESTS: { status: 429, fa: 'درخواست کد بیش از حد مجاز است؛ چند دقیقه بعد دوباره تلاش کنید.', en: 'Too many code requests; try again in a few minutes.' },
  MOBILE_NOT_OWNED: { status: 400, fa: 'این شمارهٔ همراه به نام دارندهٔ این کد ملی ثبت نشده است؛ شماره‌ای را وارد کنید که سیم‌کارت آن به نام خودتان است.', en: 'This mobile number is not registered to the holder of this national code; enter a number whose SIM card is registered in your own name.' },
  MOBILE_REGISTRY_UNAVAILABLE: { status: 503, fa: 'سامانهٔ استعلام مالکیت سیم‌کارت (شاهکار) پاسخ نداد و کدی فرستاده نشد؛ چند دقیقه بعد دوباره تلاش کنید.', en: 'The SIM ownership registry (Shahkar) did not answer, so no code was sent; try again in a few minutes.' },
  PASSWORD_TOO_SHORT: { status: 400, fa: 'گذرواژه باید دست‌کم ۱۰ نویسه باشد.', en: 'The password must be at least 10 characters.' },
  PASSWORD_TOO_SIMPLE: { status: 400, fa: 'گذرواژه باید هم حرف و هم رقم داشته باشد.', en: 'The password must contain letters and digits.' },
  PASSWORD_CONTAINS_USERNAME: { status: 400, fa: 'گذرواژه نباید نام کاربری را در خود داشته باشد.', en: 'The password must not contain the username.' },
  API_TOKEN_NOT_FOUND: { status: 404, fa: 'توکن پیدا نشد.', en: 'The API token was not found.' },
  OIDC_STATE_INVALID: { status: 400, fa: 'ورود با حساب سازمانی منقضی شده یا در این مرورگر آغاز نشده است؛ دوباره تلاش کنید.', en: 'The organisation sign-in expired or was not started in this browser; please try again.' },
  OIDC_ACCESS_DENIED: { status: 401, fa: 'ورود با حساب سازمانی لغو یا رد شد.', en: 'The organisation sign-in was cancelled or refused.' },
  OIDC_PROVIDER_ERROR: { status: 502, fa: 'سامانه ورود سازمانی خطا داد؛ کمی بعد دوباره تلاش کنید.', en: 'The organisation sign-in service returned an error; please try again shortly.' },
  OIDC_PROVIDER_UNAVAILABLE: { status: 503, fa: 'سامانه ورود سازمانی در دسترس نیست؛ کمی بعد دوباره تلاش کنید یا با گذرواژه وارد شوید.', en: 'The organisation sign-in service is unavailable; try again shortly or sign in with your password.' },
  OIDC_SIGN_IN_FAILED: { status: 401, fa: 'ورود با حساب سازمانی انجام نشد؛ دوباره تلاش کنید.', en: 'The organisation sign-in could not be completed; please try again.' },
  OIDC_UNKNOWN_ACCOUNT: { status: 403, fa: 'این حساب سازمانی به هیچ کارمندی در درگاه وصل نیست؛ با مدیر دستگاه خود تماس بگیرید.', en: 'This organisation account is not linked to any staff member in Dargah; contact your agency administrator.' },
  OIDC_ACCOUNT_INACTIVE: { status: 403, fa: 'حساب کارمندی شما غیرفعال است.', en: 'Your staff account is deactivated.' },
  EMAIL_CODE_INVALID: { status: 400, fa: 'کد تأیید ایمیل درست نیست یا پیش‌تر به کار رفته است.', en: 'The e-mail verification code is not correct or was already used.' },
  EMAIL_CODE_EXPIRED: { status: 400, fa: 'کد تأیید ایمیل منقضی شده است؛ کد تازه بخواهید.', en: 'The e-mail verification code has expired; ask for a new one.' },
  EMAIL_CODE_TOO_MANY_ATTEMPTS: { status: 429, fa: 'تعداد تلاش‌های نادرست از حد گذشته است؛ کد تازه بخواهید.', en: 'Too many wrong attempts; ask for a new code.' },
  EMAIL_CODE_TOO_MANY_REQUESTS: { status: 429, fa: 'در یک ساعت گذشته کد تأیید بیش از حد فرستاده شده است؛ بعداً دوباره تلاش کنید.', en: 'Too many verification codes were sent in the last hour; try again later.' },
});

/** The module's refusals: the platform's codes and its own (an undeclared code does not compile). */
export const IdentityError = errorClassOf(identityErrors);
export type IdentityCode = ErrorCodeOf<typeof IdentityError>;
