import { defineErrors, errorClassOf } from '../../platform/http/errors';
import { defineFieldMessages } from '../../platform/http/validation';

/** Refusals of the laws register and the agencies' missions, with Persian and English text. */
export const lawsErrors = defineErrors({
  LAW_NOT_FOUND: { status: 404, fa: 'قانون یا مقرره پیدا نشد.', en: 'The law or regulation was not found.' },
  MISSION_NOT_FOUND: { status: 404, fa: 'مأموریت دستگاه پیدا نشد.', en: 'The agency mission was not found.' },
});

/** The module's refusals: the platform's codes and its own. */
export const LawsError = errorClassOf(lawsErrors);

/** Field codes of law-article references (cards, missions and licences cite laws) and of a law's articles. */
export const lawFields = defineFieldMessages({
  DUPLICATE_ARTICLE: { fa: 'شماره این ماده تکراری است.', en: 'This article number is repeated.' },
  LAW_NOT_REGISTERED: { fa: 'این قانون در سامانه قوانین ثبت نشده است.', en: 'This law is not in the laws register.' },
  LAW_ARTICLE_NOT_FOUND: { fa: 'این ماده در قانون ارجاع‌شده ثبت نشده است.', en: 'The cited law has no such article.' },
});
