/**
 * Letter numbers (ADR 0041): gap-free counters per scope, domain and Jalali year allocated inside
 * the caller's transaction, the numbering year at Nowruz in Tehran, an agency's display number, the
 * شمس id and the QR of the published شمس fields. Knows no module; no module uses it yet (issue 12).
 */
export { assertNumberingKey, MAX_NUMBERING_YEAR, MIN_NUMBERING_YEAR, nextNumber, type NumberingKey } from './sequence';
export { numberingYear } from './year';
export {
  formatDisplayNumber,
  MAX_LETTER_NUMBER_LENGTH,
  MAX_PATTERN_LENGTH,
  normalizeNumberPattern,
  NUMBER_PLACEHOLDERS,
  type DisplayNumberValues,
  type NumberPlaceholder,
} from './display';
export {
  formatShamsId,
  MAX_QR_SIGNERS,
  parseShamsId,
  SHAMS_DOMAIN_CODES,
  SHAMS_SEQ_DIGITS,
  shamsQrPayload,
  type ShamsDomain,
  type ShamsId,
  type ShamsQrFields,
} from './shams';
