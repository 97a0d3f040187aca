import { registerErrorCodes } from '../../platform/http/errors';

/** Identity and access refusals, each with a stable code and Persian and English text. */
export const identityErrors = {
  INVALID_CREDENTIALS: { status: 401, fa: 'نام کاربری یا گذرواژه درست نیست.', en: 'The username or password is not correct.' },
  ACCOUNT_LOCKED: { status: 423, fa: 'به دلیل تلاش‌های ناموفق پیاپی، حساب شما موقتاً قفل شده است.', en: 'Your account is temporarily locked after repeated failed attempts.' },
  CSRF_TOKEN_INVALID: { status: 403, fa: 'درخواست از صفحه معتبر سامانه ارسال نشده است؛ صفحه را دوباره بارگذاری کنید.', en: 'The request did not come from a valid page of this system; reload the page.' },
  OTP_INVALID: { status: 400, fa: 'کد یک‌بارمصرف درست نیست.', en: 'The one-time code is not correct.' },
  OTP_EXPIRED: { status: 400, fa: 'کد یک‌بارمصرف منقضی شده است؛ کد تازه بگیرید.', en: 'The one-time code has expired; request a new one.' },
  OTP_TOO_MANY_ATTEMPTS: { status: 429, fa: 'تعداد تلاش‌های نادرست از حد گذشته است؛ کد تازه بگیرید.', en: 'Too many wrong attempts; request a new code.' },
  OTP_TOO_MANY_REQUESTS: { status: 429, fa: 'درخواست کد بیش از حد مجاز است؛ چند دقیقه بعد دوباره تلاش کنید.', en: 'Too many code requests; try again in a few minutes.' },
  PASSWORD_TOO_SHORT: { status: 400, fa: 'گذرواژه باید دست‌کم ۱۰ نویسه باشد.', en: 'The password must be at least 10 characters.' },
  PASSWORD_TOO_SIMPLE: { status: 400, fa: 'گذرواژه باید هم حرف و هم رقم داشته باشد.', en: 'The password must contain letters and digits.' },
  PASSWORD_CONTAINS_USERNAME: { status: 400, fa: 'گذرواژه نباید نام کاربری را در خود داشته باشد.', en: 'The password must not contain the username.' },
  AGENCY_NOT_FOUND: { status: 404, fa: 'دستگاه پیدا نشد.', en: 'The agency was not found.' },
  UNIT_NOT_FOUND: { status: 404, fa: 'واحد سازمانی پیدا نشد.', en: 'The organisational unit was not found.' },
  STAFF_NOT_FOUND: { status: 404, fa: 'کارمند پیدا نشد.', en: 'The staff member was not found.' },
  LEGAL_ID_TAKEN: { status: 409, fa: 'دستگاهی با این شناسه ملی پیش‌تر ثبت شده است.', en: 'An agency with this national id is already registered.' },
  USERNAME_TAKEN: { status: 409, fa: 'این نام کاربری پیش‌تر گرفته شده است.', en: 'This username is already taken.' },
  AGENCY_CYCLE: { status: 400, fa: 'یک دستگاه نمی‌تواند زیرمجموعه خود یا زیرمجموعه‌هایش باشد.', en: 'An agency cannot be placed under itself or its own sub-agencies.' },
  DELEGATION_NOT_FOUND: { status: 404, fa: 'جانشینی پیدا نشد.', en: 'The delegation was not found.' },
  API_TOKEN_NOT_FOUND: { status: 404, fa: 'توکن پیدا نشد.', en: 'The API token was not found.' },
};

let registered = false;
export function registerIdentityErrors(): void {
  if (registered) return;
  registered = true;
  registerErrorCodes(identityErrors);
}
