import { defineErrors } from '../../platform/http/errors';

/** Refusals of the published vocabularies (the CPSV-AP export's code lists), with Persian and English text. */
export const cpsvApErrors = defineErrors({
  VOCABULARY_NOT_FOUND: {
    status: 404,
    fa: 'این فهرست واژگان منتشر نشده است.',
    en: 'No vocabulary is published under this name.',
  },
});
