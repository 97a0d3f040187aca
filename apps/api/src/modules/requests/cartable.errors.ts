import { defineErrors, errorClassOf } from '../../platform/http/errors';
import { requestsErrors } from './requests.errors';

/** Refusals of the cartable's work items (claim, release, assign, refer, notes). */
export const cartableErrors = defineErrors({
  CARTABLE_ALREADY_CLAIMED: {
    status: 409,
    fa: 'این کار را همکار دیگری زودتر برداشته است؛ فهرست را دوباره بارگذاری کنید.',
    en: 'A colleague claimed this item first; reload the list.',
  },
  CARTABLE_HELD_BY_OTHER: {
    status: 409,
    fa: 'این کار در دست همکار دیگری است؛ تنها او یا مدیر واحد (با واگذاری دوباره) می‌تواند روی آن اقدام کند.',
    en: 'A colleague holds this item; only they, or a unit manager by reassigning it, can act on it.',
  },
  CARTABLE_NOT_HOLDER: {
    status: 409,
    fa: 'این کار در دست شما نیست.',
    en: 'You do not hold this item.',
  },
  CARTABLE_NOT_OPEN: {
    status: 409,
    fa: 'این درخواست بسته شده است و دیگر در کارتابل کسی قرار نمی‌گیرد.',
    en: 'This request is closed and can no longer be held by anyone.',
  },
  CARTABLE_ASSIGNEE_NOT_QUALIFIED: {
    status: 422,
    fa: 'این کار را نمی‌توان به این همکار سپرد: باید حساب فعال و نقش پیشخوان در همین دستگاه (و واحد شما) داشته باشد.',
    en: 'This item cannot go to that colleague: they need an active account and a desk role in the same agency (and your unit).',
  },
});

/** The cartable's refusals: the platform's codes, the desk's and its own. */
export const CartableError = errorClassOf(requestsErrors, cartableErrors);
