import { defineErrors, errorClassOf, type ErrorCodeOf } from '../../platform/http/errors';
import { defineFieldMessages } from '../../platform/http/validation';
import { lawFieldMessage } from '../laws';
import { cpsvApErrors } from './cpsv-ap.errors';
import { importErrors, importProblemTexts } from './import.errors';

/** Refusals of the service catalogue (service cards), with Persian and English text. */
export const catalogueErrors = defineErrors({
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
});

/**
 * Field codes of a service card, a law and a change request (the platform's table covers the generic
 * codes): the card checks shared with the web app (@dargah/contracts), the law-article and agency
 * references, and the change-request checks.
 */
export const cardFields = defineFieldMessages({
  NORM_EXCEEDS_DEADLINE: { fa: 'زمان استاندارد (نُرم) ارائه خدمت نباید از مهلت قانونی بیشتر باشد.', en: 'The service norm must not exceed the legal deadline.' },
  EXTENSION_TERM_REQUIRED: { fa: 'وقتی تمدید مهلت مجاز است، مدت تمدید باید تعیین شود.', en: 'When an extension is allowed, its term must be given.' },
  EXTENSION_NOT_ALLOWED: { fa: 'تمدید مهلت مجاز نشده است؛ مدت تمدید نباید تعیین شود.', en: 'Extension is not allowed, so no extension term may be given.' },
  MATURITY_PLAN_REQUIRED: { fa: 'برای خدمتی که هنوز الکترونیکی نشده، تاریخ برنامه‌ریزی‌شده و علت، یا معافیت مصوب لازم است.', en: 'A service not yet electronic needs a planned date and reason, or an approved exemption.' },
  AGENCY_REF_NOT_FOUND: { fa: 'دستگاه انتخاب‌شده پیدا نشد.', en: 'The chosen agency was not found.' },
  // Change requests
  CHANGE_BASIS_REQUIRED: {
    fa: 'درخواست تغییر شناسنامه تأییدشده باید به قانون یا مقرره تغییریافته استناد کند.',
    en: 'A change to an approved card must cite the changed law or regulation.',
  },
  HEAD_APPROVAL_REQUIRED: {
    fa: 'درخواست تغییر باید به تأیید بالاترین مقام دستگاه رسیده باشد.',
    en: 'A change request needs the approval of the agency head.',
  },
  HEAD_APPROVER_INVALID: {
    fa: 'تأییدکننده باید از مدیران همین دستگاه باشد.',
    en: 'The approver must be an administrator of the card’s agency.',
  },
  DATE_IN_FUTURE: { fa: 'تاریخ نمی‌تواند در آینده باشد.', en: 'The date cannot be in the future.' },
  // The service architecture (architecture.routes.ts)
  CATEGORY_NOT_REGISTERED: {
    fa: 'این دستهٔ خدمات در معماری خدمات ثبت نشده است.',
    en: 'This category is not in the service architecture.',
  },
  LAYER_NOT_REGISTERED: {
    fa: 'این لایهٔ خدمت در معماری خدمات ثبت نشده است.',
    en: 'This service layer is not in the service architecture.',
  },
}, lawFieldMessage);

/** A card field code's text (then the laws register's codes, then the platform's): licences use it too. */
export const cardFieldMessage = cardFields.message;

/** Problems of an import's rows and columns, worded for a spreadsheet cell; then the card's codes. */
export const importProblems = defineFieldMessages(importProblemTexts, cardFields.message);

/** The catalogue's field codes the app knows (import problems are worded for the import report only). */
export const catalogueFieldTables = [cardFields.table] as const;

/**
 * The catalogue module's refusals: the platform's codes and those of its tables (an undeclared code
 * does not compile). Listed in the module's `errors` (index.ts) in the same order.
 */
export const catalogueErrorTables = [catalogueErrors, importErrors, cpsvApErrors] as const;
export const CatalogueError = errorClassOf(...catalogueErrorTables);
export type CatalogueCode = ErrorCodeOf<typeof CatalogueError>;
