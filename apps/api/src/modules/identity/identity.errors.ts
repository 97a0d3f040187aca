import { registerErrorCodes } from '../../platform/http/errors';

/** Identity and access refusals, each with a stable code and Persian and English text. */
export const identityErrors = {
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
  AGENCY_NOT_FOUND: { status: 404, fa: 'دستگاه پیدا نشد.', en: 'The agency was not found.' },
  UNIT_NOT_FOUND: { status: 404, fa: 'واحد سازمانی پیدا نشد.', en: 'The organisational unit was not found.' },
  STAFF_NOT_FOUND: { status: 404, fa: 'کارمند پیدا نشد.', en: 'The staff member was not found.' },
  LEGAL_ID_TAKEN: { status: 409, fa: 'دستگاهی با این شناسه ملی پیش‌تر ثبت شده است.', en: 'An agency with this national id is already registered.' },
  OIDC_SUBJECT_TAKEN: { status: 409, fa: 'این شناسه ورود سازمانی پیش‌تر به کارمند دیگری داده شده است.', en: 'This organisation sign-in subject is already linked to another staff member.' },
  USERNAME_TAKEN: { status: 409, fa: 'این نام کاربری پیش‌تر گرفته شده است.', en: 'This username is already taken.' },
  AGENCY_CYCLE: { status: 400, fa: 'یک دستگاه نمی‌تواند زیرمجموعه خود یا زیرمجموعه‌هایش باشد.', en: 'An agency cannot be placed under itself or its own sub-agencies.' },
  DELEGATION_NOT_FOUND: { status: 404, fa: 'جانشینی پیدا نشد.', en: 'The delegation was not found.' },
  SELF_REVIEW_FORBIDDEN: { status: 403, fa: 'کسی که موردی را فرستاده یا درخواست کرده است نمی‌تواند خودش آن را تأیید، برگشت یا رد کند.', en: 'Whoever submitted or applied for something cannot approve, return or reject it themselves.' },
  REVIEWER_CONFLICT_OF_INTEREST: { status: 403, fa: 'بررسی‌کنندهٔ مرکزی نمی‌تواند موردی از دستگاه خود یا دستگاه بالادستی آن را بررسی کند.', en: 'A central reviewer cannot review an item of their own agency or of an agency above it.' },
  API_TOKEN_NOT_FOUND: { status: 404, fa: 'توکن پیدا نشد.', en: 'The API token was not found.' },
  AGENCY_PARENT_NOT_FOUND: { status: 400, fa: 'دستگاه بالادستی انتخاب‌شده پیدا نشد.', en: 'The chosen parent agency was not found.' },
  AGENCY_FIELD_LOCKED: { status: 403, fa: 'شناسه ملی و دستگاه بالادستی را فقط مدیر سامانه می‌تواند تغییر دهد.', en: 'Only a platform administrator may change the national id or the parent agency.' },
  UNIT_NOT_IN_AGENCY: { status: 400, fa: 'واحد سازمانی انتخاب‌شده از واحدهای همین دستگاه نیست.', en: 'The chosen organisational unit does not belong to this agency.' },
  UNIT_CYCLE: { status: 400, fa: 'یک واحد نمی‌تواند زیرمجموعه خود یا زیرمجموعه‌هایش باشد.', en: 'A unit cannot be placed under itself or its own sub-units.' },
  UNIT_CODE_TAKEN: { status: 409, fa: 'واحدی با این کد در این دستگاه پیش‌تر ثبت شده است.', en: 'A unit with this code is already registered in this agency.' },
  ROLE_GRANT_NOT_FOUND: { status: 404, fa: 'این کارمند چنین نقشی ندارد.', en: 'The staff member does not hold this role.' },
  ROLE_RESERVED: { status: 403, fa: 'این نقش را فقط مدیر سامانه می‌تواند بدهد یا بگیرد.', en: 'Only a platform administrator may grant or revoke this role.' },
  OWN_ROLES_LOCKED: { status: 403, fa: 'نقش‌های خودتان (یا کسی که جانشین او هستید) را نمی‌توانید تغییر دهید.', en: 'You cannot change your own roles, or those of the person you act for.' },
  DELEGATION_WINDOW_INVALID: { status: 400, fa: 'بازه جانشینی معتبر نیست: پایان باید پس از آغاز و پس از اکنون باشد.', en: 'The delegation window is not valid: its end must be after its start and after now.' },
  DELEGATE_NOT_ELIGIBLE: { status: 400, fa: 'جانشین باید کارمند فعال همان دستگاه و شخصی غیر از اصیل باشد.', en: 'The delegate must be an active staff member of the same agency, other than the principal.' },
  REDELEGATION_FORBIDDEN: { status: 403, fa: 'جانشین نمی‌تواند کار اصیل را به دیگری واگذار کند.', en: 'A delegate cannot hand the principal\'s work on to someone else.' },
  OIDC_STATE_INVALID: { status: 400, fa: 'ورود با حساب سازمانی منقضی شده یا در این مرورگر آغاز نشده است؛ دوباره تلاش کنید.', en: 'The organisation sign-in expired or was not started in this browser; please try again.' },
  OIDC_ACCESS_DENIED: { status: 401, fa: 'ورود با حساب سازمانی لغو یا رد شد.', en: 'The organisation sign-in was cancelled or refused.' },
  OIDC_PROVIDER_ERROR: { status: 502, fa: 'سامانه ورود سازمانی خطا داد؛ کمی بعد دوباره تلاش کنید.', en: 'The organisation sign-in service returned an error; please try again shortly.' },
  OIDC_PROVIDER_UNAVAILABLE: { status: 503, fa: 'سامانه ورود سازمانی در دسترس نیست؛ کمی بعد دوباره تلاش کنید یا با گذرواژه وارد شوید.', en: 'The organisation sign-in service is unavailable; try again shortly or sign in with your password.' },
  OIDC_SIGN_IN_FAILED: { status: 401, fa: 'ورود با حساب سازمانی انجام نشد؛ دوباره تلاش کنید.', en: 'The organisation sign-in could not be completed; please try again.' },
  OIDC_UNKNOWN_ACCOUNT: { status: 403, fa: 'این حساب سازمانی به هیچ کارمندی در درگاه وصل نیست؛ با مدیر دستگاه خود تماس بگیرید.', en: 'This organisation account is not linked to any staff member in Dargah; contact your agency administrator.' },
  OIDC_ACCOUNT_INACTIVE: { status: 403, fa: 'حساب کارمندی شما غیرفعال است.', en: 'Your staff account is deactivated.' },
  OWN_ACCOUNT_LOCKED: { status: 403, fa: 'این کار را روی حساب خودتان (یا کسی که جانشین او هستید) نمی‌توانید انجام دهید؛ مدیر دیگری باید انجام دهد.', en: 'You cannot do this to your own account, or that of the person you act for; another administrator must.' },
  STAFF_INACTIVE: { status: 409, fa: 'حساب این کارمند غیرفعال است؛ نخست آن را فعال کنید.', en: 'This staff account is deactivated; reactivate it first.' },
  STAFF_NO_MOBILE: { status: 409, fa: 'برای این کارمند شمارهٔ همراهی ثبت نشده است؛ نخست شمارهٔ همراه او را در مشخصاتش ثبت کنید.', en: 'This staff member has no mobile number; add one to their details first.' },
  PASSWORD_RESET_TOO_MANY: { status: 429, fa: 'برای این کارمند در یک ساعت گذشته بیش از حد کد بازنشانی فرستاده شده است؛ بعداً دوباره تلاش کنید.', en: 'Too many reset codes were sent to this staff member in the last hour; try again later.' },
  RESET_CODE_INVALID: { status: 400, fa: 'کد بازنشانی درست نیست یا پیش‌تر به کار رفته است؛ از مدیر دستگاه کد تازه بخواهید.', en: 'The reset code is not correct or was already used; ask your agency administrator for a new one.' },
  EMAIL_CODE_INVALID: { status: 400, fa: 'کد تأیید ایمیل درست نیست یا پیش‌تر به کار رفته است.', en: 'The e-mail verification code is not correct or was already used.' },
  EMAIL_CODE_EXPIRED: { status: 400, fa: 'کد تأیید ایمیل منقضی شده است؛ کد تازه بخواهید.', en: 'The e-mail verification code has expired; ask for a new one.' },
  EMAIL_CODE_TOO_MANY_ATTEMPTS: { status: 429, fa: 'تعداد تلاش‌های نادرست از حد گذشته است؛ کد تازه بخواهید.', en: 'Too many wrong attempts; ask for a new code.' },
  EMAIL_CODE_TOO_MANY_REQUESTS: { status: 429, fa: 'در یک ساعت گذشته کد تأیید بیش از حد فرستاده شده است؛ بعداً دوباره تلاش کنید.', en: 'Too many verification codes were sent in the last hour; try again later.' },
  RESET_CODE_EXPIRED: { status: 400, fa: 'کد بازنشانی منقضی شده است؛ از مدیر دستگاه کد تازه بخواهید.', en: 'The reset code has expired; ask your agency administrator for a new one.' },
};

let registered = false;
export function registerIdentityErrors(): void {
  if (registered) return;
  registered = true;
  registerErrorCodes(identityErrors);
}
