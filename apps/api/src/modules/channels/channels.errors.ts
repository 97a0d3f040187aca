import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of requests entered for a citizen at a counter office or an in-person desk, and of postal delivery, with Persian and English text. */
export const channelsErrors = defineErrors({
  COUNTER_OFFICE_NOT_LINKED: {
    status: 403,
    fa: 'شما به هیچ دفتر پیشخوان فعالی متصل نیستید؛ با سازمان مرکزی تماس بگیرید.',
    en: 'You are not linked to an active counter office; contact the central organisation.',
  },
  COUNTER_OFFICE_INACTIVE: { status: 403, fa: 'دفتر پیشخوان شما غیرفعال است و درخواستی ثبت نمی‌کند.', en: 'Your counter office is inactive and cannot enter requests.' },
  SERVICE_NOT_DELEGATED: { status: 403, fa: 'این خدمت به دفتر شما واگذار نشده است.', en: 'This service is not delegated to your office.' },
  CONSENT_NOT_FOUND: { status: 404, fa: 'رضایت شهروند پیدا نشد؛ کد تازه بفرستید.', en: 'The citizen’s consent was not found; send a new code.' },
  CONSENT_CODE_WRONG: { status: 422, fa: 'کد نادرست است.', en: 'The code is wrong.' },
  CONSENT_TOO_MANY_ATTEMPTS: { status: 422, fa: 'کد بیش از حد نادرست وارد شد؛ کد تازه بفرستید.', en: 'Too many wrong codes; send a new code.' },
  CONSENT_EXPIRED: { status: 422, fa: 'کد منقضی شده است؛ کد تازه بفرستید.', en: 'The code has expired; send a new code.' },
  CONSENT_USED: { status: 409, fa: 'با این رضایت قبلاً درخواستی ثبت شده است.', en: 'A request has already been entered with this consent.' },
  POSTAL_NOT_OFFERED: { status: 422, fa: 'این خدمت پاسخ را با پست نمی‌فرستد.', en: 'This service does not deliver its answer by post.' },
  POSTAL_NOT_FAILED: {
    status: 409,
    fa: 'ارسال پستی این درخواست ناموفق نمانده است؛ تنها ارسال ناموفق دوباره فرستاده می‌شود.',
    en: 'This request’s postal dispatch has not failed; only a failed dispatch is sent again.',
  },
  POSTAL_ADDRESS_MISSING: { status: 422, fa: 'نشانی و کد پستی در نمایه نیست؛ آن‌ها را وارد کنید.', en: 'The profile has no address and postal code; enter them.' },
});

/** The module's refusals: the platform's codes and its own. */
export const ChannelsError = errorClassOf(channelsErrors);
