import { validateLegalId, validateMobile, validateNationalCode, validatePostalCode, validateSheba } from '@dargah/persian';

/**
 * Iranian identifiers a service form may ask for with `"format": "<name>"` in its JSON Schema.
 * The API (ajv) and the web form check them with the same validators, normalise what was typed
 * (Persian digits, spaces and dashes) to the canonical value, and tell each with its own message
 * (the field-problem `code` below) saying what shape is expected.
 */
export const IDENTIFIER_FORMATS = {
  'ir-national-code': { code: 'NATIONAL_CODE_INVALID', check: (s: string) => validateNationalCode(s) },
  'ir-legal-id': { code: 'LEGAL_ID_INVALID', check: (s: string) => validateLegalId(s) },
  'ir-postal-code': { code: 'POSTAL_CODE_INVALID', check: (s: string) => validatePostalCode(s) },
  'ir-mobile': { code: 'MOBILE_INVALID', check: (s: string) => validateMobile(s) },
  'ir-sheba': { code: 'SHEBA_INVALID', check: (s: string) => validateSheba(s) },
} as const;
export type IdentifierFormat = keyof typeof IDENTIFIER_FORMATS;

export const isIdentifierFormat = (format: unknown): format is IdentifierFormat =>
  typeof format === 'string' && Object.prototype.hasOwnProperty.call(IDENTIFIER_FORMATS, format);
