import { defineErrors, errorClassOf, type ErrorCodeOf } from '../../platform/http/errors';

/** Refusals of the service catalogue, each with a stable code and Persian and English text. */
export const servicesErrors = defineErrors({
  SERVICE_NOT_FOUND: {
    status: 404,
    fa: 'خدمت پیدا نشد یا در دسترس نیست.',
    en: 'The service was not found or is not available.',
  },
  SERVICE_CARD_EXPIRED: {
    status: 409,
    fa: 'اعتبار شناسنامهٔ این خدمت به پایان رسیده و تا تمدید آن درخواست تازه پذیرفته نمی‌شود.',
    en: 'This service’s identity card has expired; no new requests are taken until it is renewed.',
  },
  SERVICE_NOT_ELECTRONIC: {
    status: 409,
    fa: 'بنا بر شناسنامهٔ این خدمت، درخواست آن به‌صورت الکترونیکی پذیرفته نمی‌شود؛ راه‌های دریافت خدمت را در شناسنامه ببینید.',
    en: 'According to its identity card this service is not requested online; see the card for how it is delivered.',
  },
});

/** The module's refusals: the platform's codes and its own (an undeclared code does not compile). */
export const ServicesError = errorClassOf(servicesErrors);
export type ServicesCode = ErrorCodeOf<typeof ServicesError>;
