import { defineErrors, errorClassOf, type FieldTable } from '../../platform/http/errors';
import { defineFieldMessages } from '../../platform/http/validation';
import { cardFieldMessage } from '../catalogue';

/** Refusals of the licence register, with Persian and English text. */
export const licenceErrors = defineErrors({
  LICENCE_NOT_FOUND: { status: 404, fa: 'مجوز پیدا نشد.', en: 'The licence was not found.' },
  LICENCE_ALREADY_MAPPED: {
    status: 409,
    fa: 'این مجوز پیش‌تر به یک شناسه خدمت نگاشت شده است؛ نخست نگاشت فعلی را بردارید.',
    en: 'This licence is already mapped to a service id; remove the current mapping first.',
  },
  SERVICE_ALREADY_LICENSED: {
    status: 409,
    fa: 'این شناسه خدمت به مجوز دیگری نگاشت شده است؛ هر شناسه خدمت تنها یک مجوز دارد.',
    en: 'This service id is already mapped to another licence; a service id carries one licence only.',
  },
  SERVICE_NOT_APPROVED: {
    status: 409,
    fa: 'این شناسه خدمت به خدمت تأییدشده‌ای از دستگاه صادرکننده مجوز (یا دستگاه‌های تابع آن) تعلق ندارد.',
    en: 'This service id does not belong to an approved service of the issuing agency (or its sub-agencies).',
  },
  LICENCE_NOT_MAPPED: {
    status: 409,
    fa: 'این مجوز به شناسه خدمتی نگاشت نشده است.',
    en: 'This licence is not mapped to a service id.',
  },
  LICENCE_CANCELLED: {
    status: 409,
    fa: 'این مجوز لغو شده است و تغییر نمی‌کند.',
    en: 'This licence has been cancelled and cannot be changed.',
  },
});

/** Field-level problems of a licence, beyond the card's and the platform's (`licenceFields`). */
export const licenceFieldTexts = {
  SERVICE_ID_INVALID: {
    fa: 'شناسه خدمت باید ۱۱ رقم با رقم کنترل درست باشد.',
    en: 'A service id is 11 digits with a valid check digit.',
  },
  PREREQUISITE_NOT_FOUND: { fa: 'مجوز پیش‌نیاز پیدا نشد.', en: 'The prerequisite licence was not found.' },
  PREREQUISITE_SELF: {
    fa: 'مجوز نمی‌تواند پیش‌نیاز خودش باشد.',
    en: 'A licence cannot be its own prerequisite.',
  },
  PREREQUISITE_CYCLE: {
    fa: 'این پیش‌نیاز چرخه می‌سازد: آن مجوز خود به این مجوز نیاز دارد.',
    en: 'This prerequisite makes a cycle: that licence itself requires this one.',
  },
  PREREQUISITE_DUPLICATE: { fa: 'این پیش‌نیاز تکراری است.', en: 'This prerequisite is repeated.' },
  COST_BASIS_REQUIRED: {
    fa: 'برای مجوزی که هزینه دارد، مبنای قانونی هزینه لازم است.',
    en: 'A licence with a cost needs the legal basis of the cost.',
  },
} as const satisfies FieldTable;

/** Field problems of a licence: its own codes, then the card's (law and agency references). */
export const licenceFields = defineFieldMessages(licenceFieldTexts, cardFieldMessage);

/** The module's refusals: the platform's codes and its own. */
export const LicencesError = errorClassOf(licenceErrors);
