import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the desk scorecard's query, each with a stable code and Persian and English text. */
export const scorecardErrors = defineErrors({
  DESK_SCORECARD_YEAR_OUT_OF_RANGE: {
    status: 422,
    fa: 'کارنامهٔ ارزیابی میز خدمت برای این سال در دسترس نیست؛ سالی از ۱۳۹۰ تا سال جاری برگزینید.',
    en: 'The desk scorecard is not available for this year; choose a year from 1390 to the current one.',
  },
});

export const ScorecardError = errorClassOf(scorecardErrors);
