import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the applicants' ratings, each with a stable code and Persian and English text. */
export const feedbackErrors = defineErrors({
  FEEDBACK_REQUEST_OPEN: {
    status: 409,
    fa: 'نظر دادن پس از پایان کار درخواست ممکن است؛ این درخواست هنوز در جریان است.',
    en: 'A request can be rated once it is closed; this one is still in progress.',
  },
  FEEDBACK_ALREADY_GIVEN: {
    status: 409,
    fa: 'نظر شما دربارهٔ این درخواست پیش‌تر ثبت شده است و تغییر نمی‌کند.',
    en: 'You have already rated this request; a rating is not changed.',
  },
});

export const FeedbackError = errorClassOf(feedbackErrors);
