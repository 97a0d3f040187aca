import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the service desk, each with a stable code and Persian and English text. */
export const requestsErrors = defineErrors({
  REQUEST_NOT_FOUND: { status: 404, fa: 'درخواست پیدا نشد.', en: 'The request was not found.' },
  REQUEST_ACTION_NOT_ALLOWED: {
    status: 409,
    fa: 'این اقدام در وضعیت کنونی درخواست ممکن نیست؛ صفحه را دوباره بارگذاری کنید.',
    en: 'This action is not possible in the request’s current status; reload the page.',
  },
  SERVICE_NOT_FOR_APPLICANT: {
    status: 403,
    fa: 'این خدمت برای شما در این نقش ارائه نمی‌شود: خدمات شهروندی را به نام خودتان و خدمات کسب‌وکار را به نمایندگی از شرکت درخواست کنید.',
    en: 'This service is not offered to you in this capacity: apply for citizen services as yourself and for business services acting for your company.',
  },
  TRACKING_NOT_FOUND: {
    status: 404,
    fa: 'درخواستی با این کد رهگیری و کد ملی پیدا نشد. هر دو را دوباره بررسی کنید.',
    en: 'No request matches this tracking code and national code. Check both and try again.',
  },
  CALLER_NOT_VERIFIED: {
    status: 404,
    fa: 'درخواستی از دستگاه شما با این کد رهگیری و مشخصات تماس‌گیرنده پیدا نشد.',
    en: 'No request of your agency matches this tracking code and the caller’s details.',
  },
});

/** The module's refusals: the platform's codes and its own (an undeclared code does not compile). */
export const RequestsError = errorClassOf(requestsErrors);
