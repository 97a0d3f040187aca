/** Forms as data: JSON Schema forms normalised and validated by ajv, and the checks a form definition must pass. */
export { checkForm, normaliseForm, type FormCheck } from './form-check';
export { formSchemaProblems, FORM_FIELD_TYPES, type FormSchemaProblem } from './form-schema';
