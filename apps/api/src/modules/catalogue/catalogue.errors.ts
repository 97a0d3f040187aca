import { registerErrorCodes } from '../../platform/http/errors';

/** Refusals of the service catalogue (service cards), with Persian and English text. */
export const catalogueErrors = {
  CARD_NOT_FOUND: { status: 404, fa: 'شناسنامه خدمت پیدا نشد.', en: 'The service identity card was not found.' },
  CARD_VERSION_NOT_FOUND: {
    status: 404,
    fa: 'این نسخه از شناسنامه خدمت وجود ندارد.',
    en: 'This version of the service identity card does not exist.',
  },
  CARD_INCOMPLETE: {
    status: 400,
    fa: 'شناسنامه خدمت کامل نیست؛ موارد مشخص‌شده را تکمیل یا اصلاح کنید.',
    en: 'The service identity card is not complete; fill in or correct the fields listed.',
  },
  CARD_NOT_EDITABLE: {
    status: 409,
    fa: 'شناسنامه خدمت در این وضعیت قابل ویرایش نیست.',
    en: 'The service identity card cannot be edited in its current status.',
  },
  CARD_ACTION_NOT_ALLOWED: {
    status: 409,
    fa: 'این اقدام در وضعیت فعلی شناسنامه خدمت مجاز نیست.',
    en: 'This action is not allowed in the card’s current status.',
  },
};

let registered = false;
export function registerCatalogueErrors(): void {
  if (registered) return;
  registered = true;
  registerErrorCodes(catalogueErrors);
}
