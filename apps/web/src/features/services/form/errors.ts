import type { RJSFValidationError } from '@rjsf/utils';
import { identifierOf } from './digits';

/** Which message (under `desk.formats`) says what shape each identifier expects. */
export const IDENTIFIER_MESSAGE = {
  'ir-national-code': 'nationalCode',
  'ir-legal-id': 'legalId',
  'ir-postal-code': 'postalCode',
  'ir-mobile': 'mobile',
  'ir-sheba': 'sheba',
} as const;

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * A validator error as the sentence shown at its field, in the page's language with its digits
 * (ADR 0035): the same sentences the rest of the app uses (`validation.*`, `desk.formats.*`).
 * `n` is the bound, already written in the reader's digits by `digits`.
 */
export function messageOf(error: RJSFValidationError, t: T, digits: (n: unknown) => string): string {
  const p = (error.params ?? {}) as Record<string, unknown>;
  const n = digits(p.limit);
  switch (error.name) {
    case 'required':
      return t('validation.required');
    case 'minLength':
      return t('validation.tooShort', { count: Number(p.limit), n });
    case 'maxLength':
      return t('validation.tooLong', { count: Number(p.limit), n });
    case 'minimum':
    case 'exclusiveMinimum':
      return t('validation.tooSmall', { n });
    case 'maximum':
    case 'exclusiveMaximum':
      return t('validation.tooLarge', { n });
    case 'minItems':
      return t('deskForm.minItems', { n });
    case 'maxItems':
      return t('deskForm.maxItems', { n });
    case 'type':
      return p.limit === 'integer' || p.type === 'integer' ? t('validation.notInteger') : p.limit === 'number' || p.type === 'number' ? t('validation.notNumber') : t('deskForm.wrongType');
    case 'enum':
      return t('validation.choose');
    case 'const':
      return p.allowedValue === true ? t('validation.mustBeChecked') : t('deskForm.notValid');
    case 'pattern':
      return t('validation.pattern');
    case 'format': {
      const id = identifierOf(p.format);
      if (id) return t(`desk.formats.${IDENTIFIER_MESSAGE[id]}`);
      if (p.format === 'email') return t('validation.email');
      if (p.format === 'date') return t('deskForm.badDate');
      return t('validation.pattern');
    }
    default:
      return t('deskForm.notValid');
  }
}

/** rjsf's `transformErrors`: every error with its Persian (or English) sentence. */
export const transformErrorsWith =
  (t: T, digits: (n: unknown) => string) =>
  (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((e) => ({ ...e, message: messageOf(e, t, digits), stack: messageOf(e, t, digits) }));

/**
 * The server's problems (`body.form.a.0.b`) as rjsf's extraErrors tree (`{ a: { 0: { b: { __errors } } } }`),
 * so each is shown at its field; problems about the form as a whole are returned apart.
 */
export function serverErrorSchema(problems: ReadonlyArray<{ field: string; message: string }>, prefix = 'body.form'): { tree: Record<string, unknown>; other: string[] } {
  const tree: Record<string, unknown> = {};
  const other: string[] = [];
  for (const { field, message } of problems) {
    if (!field.startsWith(`${prefix}.`)) {
      other.push(message);
      continue;
    }
    let node = tree;
    for (const part of field.slice(prefix.length + 1).split('.')) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    const list = (node.__errors ??= []) as string[];
    if (!list.includes(message)) list.push(message);
  }
  return { tree, other };
}
