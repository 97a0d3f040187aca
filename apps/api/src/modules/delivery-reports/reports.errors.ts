import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of catalogue links, yearly delivery reports and the discrepancy report (fa and en). */
export const reportsErrors = defineErrors({
  CATALOGUE_SERVICE_NOT_APPROVED: {
    status: 422,
    fa: 'این شناسه خدمت در فهرست خدمات مصوب نیست.',
    en: 'This service id is not an approved service of the catalogue.',
  },
  CATALOGUE_SERVICE_EXPIRED: {
    status: 422,
    fa: 'اعتبار شناسنامه این خدمت به پایان رسیده است؛ ابتدا آن را تمدید کنید.',
    en: 'The service card of this id has expired; renew it first.',
  },
  CATALOGUE_SERVICE_OTHER_AGENCY: {
    status: 422,
    fa: 'این شناسه خدمت متعلق به دستگاه دیگری است.',
    en: 'This service id belongs to another agency.',
  },
  DELIVERY_REPORT_NOT_FOUND: { status: 404, fa: 'گزارش عملکرد پیدا نشد.', en: 'The delivery report was not found.' },
  DELIVERY_REPORT_EXISTS: {
    status: 409,
    fa: 'گزارش این سال برای این دستگاه قبلاً ثبت شده است؛ برای تغییر آن اصلاحیه ثبت کنید.',
    en: 'A report for this year has already been submitted for this agency; submit a correction instead.',
  },
  DELIVERY_REPORT_SUPERSEDED: {
    status: 409,
    fa: 'این گزارش با اصلاحیهٔ جدیدتری جایگزین شده است.',
    en: 'This report has been replaced by a later correction.',
  },
  DELIVERY_REPORT_NOT_PROVINCIAL: {
    status: 422,
    fa: 'گزارش سالانه را فقط ادارات کل استانی و شهرستانی ثبت می‌کنند.',
    en: 'Only provincial and county offices submit yearly delivery reports.',
  },
  DELIVERY_YEAR_IN_FUTURE: {
    status: 422,
    fa: 'گزارش سالی که هنوز آغاز نشده است را نمی‌توان ثبت کرد.',
    en: 'A report cannot be submitted for a year that has not started.',
  },
  DELIVERY_ROW_NOT_FOUND: { status: 404, fa: 'ردیف گزارش پیدا نشد.', en: 'The report row was not found.' },
  DELIVERY_ROW_NOT_RESOLVABLE: {
    status: 409,
    fa: 'این ردیف در وضعیت فعلی قابل رسیدگی نیست.',
    en: 'This row cannot be resolved in its current state.',
  },
  REPORT_PERIOD_INVALID: {
    status: 400,
    fa: 'بازهٔ زمانی گزارش درست نیست: تاریخ پایان باید پس از تاریخ شروع باشد و بازه از ده سال بیشتر نباشد.',
    en: 'The report period is not valid: the end must follow the start, within ten years.',
  },
});

/** The module's refusals: the platform's codes and its own. */
export const ReportsError = errorClassOf(reportsErrors);
