import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the service architecture (taxonomy and marks), with Persian and English text. */
export const architectureErrors = defineErrors({
  DOMAIN_NOT_FOUND: { status: 404, fa: 'کلان‌حوزه پیدا نشد.', en: 'The macro domain was not found.' },
  CATEGORY_NOT_FOUND: { status: 404, fa: 'دستهٔ خدمات پیدا نشد.', en: 'The service category was not found.' },
  LAYER_NOT_FOUND: { status: 404, fa: 'لایهٔ خدمت پیدا نشد.', en: 'The service layer was not found.' },
  TAXONOMY_CODE_TAKEN: {
    status: 409,
    fa: 'این کد قبلاً به کار رفته است؛ کد دیگری برگزینید.',
    en: 'This code is already in use; choose another.',
  },
  DOMAIN_IN_USE: {
    status: 409,
    fa: 'این کلان‌حوزه دسته‌هایی دارد که شناسنامهٔ خدمت به آن‌ها طبقه‌بندی شده است و حذف‌شدنی نیست.',
    en: 'This macro domain has categories that service cards are classified under; it cannot be deleted.',
  },
  CATEGORY_IN_USE: {
    status: 409,
    fa: 'شناسنامهٔ خدمتی به این دسته طبقه‌بندی شده است؛ حذف‌شدنی نیست.',
    en: 'Service cards are classified under this category; it cannot be deleted.',
  },
  LAYER_IN_USE: {
    status: 409,
    fa: 'شناسنامهٔ خدمتی در این لایه قرار گرفته است؛ حذف‌شدنی نیست.',
    en: 'Service cards are placed in this layer; it cannot be deleted.',
  },
  MARK_NOT_FOUND: { status: 404, fa: 'نشانه‌گذاری پیدا نشد.', en: 'The mark was not found.' },
  MARK_SERVICE_NOT_FOUND: {
    status: 404,
    fa: 'خدمت تأییدشده‌ای با این شناسهٔ خدمت پیدا نشد؛ فقط خدمات تأییدشده نشانه‌گذاری می‌شوند.',
    en: 'No approved service has this service id; only approved services can be marked.',
  },
  MARK_RELATED_REQUIRED: {
    status: 400,
    fa: 'برای خدمت تکراری یا قابل ادغام، خدمت مرتبط را مشخص کنید.',
    en: 'For a duplicate or a merge, name the related service.',
  },
  MARK_RELATED_SAME: {
    status: 400,
    fa: 'خدمت مرتبط نمی‌تواند همان خدمت نشانه‌گذاری‌شده باشد.',
    en: 'The related service cannot be the service being marked.',
  },
  MARK_ALREADY_OPEN: {
    status: 409,
    fa: 'این خدمت از قبل نشانه‌گذاری بازی از همین نوع دارد.',
    en: 'This service already has an open mark of this kind.',
  },
  MARK_ALREADY_RESOLVED: {
    status: 409,
    fa: 'این نشانه‌گذاری قبلاً رسیدگی شده است.',
    en: 'This mark has already been resolved.',
  },
});

/** The module's refusals: the platform's codes and its own. */
export const ArchitectureError = errorClassOf(architectureErrors);
