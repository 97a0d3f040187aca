import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the desk reports' filters, each with a stable code and Persian and English text. */
export const deskReportsErrors = defineErrors({
  DESK_REPORT_YEAR_OUT_OF_RANGE: {
    status: 422,
    fa: 'گزارش میز خدمت برای این سال در دسترس نیست؛ سالی از ۱۳۹۰ تا سال جاری برگزینید.',
    en: 'Desk reports are not available for this year; choose a year from 1390 to the current one.',
  },
  DESK_REPORT_AGENCY_NOT_ALLOWED: {
    status: 403,
    fa: 'شما اجازه دیدن گزارش میز خدمت این دستگاه را ندارید.',
    en: 'You are not allowed to see the desk reports of this agency.',
  },
  DESK_REPORT_OFFICE_NOT_FOUND: {
    status: 404,
    fa: 'این واحد در دستگاه‌هایی که گزارششان را می‌بینید پیدا نشد.',
    en: 'This office was not found among the agencies whose reports you see.',
  },
  DESK_REPORT_FILTERS_CONFLICT: {
    status: 400,
    fa: 'یک واحد مشخص و نوع واحد را با هم نمی‌توان برگزید؛ یکی را بردارید.',
    en: 'A single office and an office kind cannot be chosen together; remove one.',
  },
});

/** The desk reports' refusals: the platform's codes and their own. */
export const DeskReportsError = errorClassOf(deskReportsErrors);
