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
  SERVICE_VERSION_NOT_FOUND: {
    status: 404,
    fa: 'این نسخه از خدمت پیدا نشد.',
    en: 'This version of the service was not found.',
  },
  SERVICE_VERSION_DRAFT_EXISTS: {
    status: 409,
    fa: 'این خدمت هم‌اکنون یک نسخه‌ی پیش‌نویس دارد؛ همان را ویرایش یا منتشر کنید.',
    en: 'This service already has a draft version; edit or publish that one.',
  },
  SERVICE_VERSION_NOT_DRAFT: {
    status: 409,
    fa: 'فقط نسخه‌ی پیش‌نویس ویرایش یا منتشر می‌شود؛ نسخه‌ی منتشرشده یا بایگانی‌شده تغییر نمی‌کند.',
    en: 'Only a draft version is edited or published; a published or retired version does not change.',
  },
  SERVICE_VERSION_CARD_REQUIRED: {
    status: 409,
    fa: 'انتشار نسخه‌ی خدمت به شناسنامه‌ی تأییدشده و معتبری نیاز دارد که درخواست الکترونیکی را مجاز بداند.',
    en: 'Publishing a version needs an approved catalogue card in force that lets the service be requested online.',
  },
});

/** The module's refusals: the platform's codes and its own (an undeclared code does not compile). */
export const ServicesError = errorClassOf(servicesErrors);
export type ServicesCode = ErrorCodeOf<typeof ServicesError>;
