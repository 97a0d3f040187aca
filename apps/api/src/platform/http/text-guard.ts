import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, type FieldProblem } from './errors';
import type { Lang } from './i18n';
// The request's `lang`, declared with the plugin: named here so a program that reaches this file
// without the plugin (the bench, through platform/pdf) still knows it.
import type {} from './plugin';

/*
 * Hostile text at the edge (ADR 0010). Every string a request carries — JSON body values and keys,
 * query and path parameters — is looked at once, before validation, for every route:
 *
 *  - refused (400 TEXT_NOT_ALLOWED, naming the field): U+0000 and the other C0 control characters
 *    except TAB, LF and CR, and unpaired UTF-16 surrogates. None of them is text: PostgreSQL cannot
 *    store NUL, a lone surrogate cannot be encoded as UTF-8 (jsonb refuses its escape), and XML 1.0
 *    (the XLSX, DOCX and PDF files Dargah writes) cannot carry either;
 *  - stripped: the bidirectional embedding, override and isolate controls (U+202A–U+202E,
 *    U+2066–U+2069), which reorder the text around them when it is shown (a name that reads
 *    differently in a cartable than it was typed, "Trojan Source") and which arrive unseen with
 *    text pasted from word processors. The marks LRM, RLM and ALM (U+200E, U+200F, U+061C) and the
 *    joiners ZWNJ and ZWJ stay: Persian text needs them and they reorder nothing beyond themselves.
 *
 * Object keys are identifiers, never display text: a key with any of these characters is refused.
 * JSON nested deeper than MAX_NESTING levels is refused too (400 NESTING_TOO_DEEP): no schema goes
 * that deep, and deeper values would exhaust the stack of whatever walks them next.
 */

/** Why a string was refused. */
export type TextProblem = 'NUL_CHARACTER' | 'CONTROL_CHARACTER' | 'LONE_SURROGATE';

// One pass finds any refused character; the reason is worked out only for a refused string.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REFUSED_GLOBAL = new RegExp(REFUSED.source, 'g');
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const HAS_BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** What is wrong with a string, or undefined when it may be kept. */
export function textProblem(s: string): TextProblem | undefined {
  const m = REFUSED.exec(s);
  if (!m) return undefined;
  if (s.includes('\u0000')) return 'NUL_CHARACTER';
  return m[0].charCodeAt(0) < 0x20 ? 'CONTROL_CHARACTER' : 'LONE_SURROGATE';
}

/** The string without bidirectional embedding, override and isolate controls. */
export function stripBidiControls(s: string): string {
  return HAS_BIDI_CONTROL.test(s) ? s.replace(BIDI_CONTROLS, '') : s;
}

/** A refused string (or a value nested deeper than any schema goes): where it was and why. */
export interface TextOffence {
  field: string;
  problem: TextProblem | 'NESTED_TOO_DEEP';
}

/** Deeper than any of Dargah's schemas nest (a card is six levels deep); deeper JSON is refused. */
export const MAX_NESTING = 32;

/**
 * Checks every string in a parsed value (arrays and plain objects, keys too) and strips bidi
 * controls from the strings it keeps, in place. Returns the first refused string, if any.
 * `path` names the value as field problems do (`body`, `querystring`, `params`).
 */
export function cleanValue(holder: Record<string, unknown> | unknown[], key: string | number, path: string, depth = 0): TextOffence | undefined {
  const value = (holder as Record<string | number, unknown>)[key];
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) return { field: path, problem };
    const stripped = stripBidiControls(value);
    if (stripped !== value) (holder as Record<string | number, unknown>)[key] = stripped;
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_NESTING) return { field: path, problem: 'NESTED_TOO_DEEP' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = cleanValue(value, i, `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  // A Buffer (a raw upload body) is the module's to read; parsed JSON and query objects are walked.
  if (ArrayBuffer.isView(value)) return undefined;
  for (const k of Object.keys(value)) {
    const keyProblem = textProblem(k) ?? (HAS_BIDI_CONTROL.test(k) ? 'CONTROL_CHARACTER' : undefined);
    if (keyProblem) return { field: `${path}.${stripBidiControls(k).replace(REFUSED_GLOBAL, '\uFFFD')}`, problem: keyProblem };
    const found = cleanValue(value as Record<string, unknown>, k, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const problemText: Record<TextProblem, Record<Lang, string>> = {
  NUL_CHARACTER: {
    fa: 'این متن نویسه تهی (NUL) دارد که پذیرفته نیست؛ آن را دوباره تایپ کنید.',
    en: 'This text contains a NUL character, which is not accepted; type it again.',
  },
  CONTROL_CHARACTER: {
    fa: 'این متن نویسه کنترلی نامرئی دارد که پذیرفته نیست؛ آن را دوباره تایپ کنید.',
    en: 'This text contains an invisible control character, which is not accepted; type it again.',
  },
  LONE_SURROGATE: {
    fa: 'این متن نویسه‌ای ناقص دارد که یونی‌کد معتبر نیست؛ آن را دوباره تایپ کنید.',
    en: 'This text contains a broken character that is not valid Unicode; type it again.',
  },
};

/**
 * The refusal of hostile text: 400 TEXT_NOT_ALLOWED with one field problem, as VALIDATION_FAILED
 * has; of JSON nested too deep (which would exhaust the stack further on): 400 NESTING_TOO_DEEP.
 */
export function textNotAllowed(offence: TextOffence, lang: Lang): DomainError {
  if (offence.problem === 'NESTED_TOO_DEEP') return new DomainError('NESTING_TOO_DEEP', { field: offence.field, maxDepth: MAX_NESTING });
  const field: FieldProblem = { field: offence.field, code: offence.problem, message: problemText[offence.problem][lang] };
  return new DomainError('TEXT_NOT_ALLOWED', { fields: [field] });
}

/** Throws TEXT_NOT_ALLOWED for a string a handler reads itself (a file name, a multipart field). */
export function assertCleanText(value: string, field: string, lang: Lang): string {
  const problem = textProblem(value);
  if (problem) throw textNotAllowed({ field, problem }, lang);
  return stripBidiControls(value);
}

/** Checks (and cleans) the parsed parts of a request: params, query, then body. */
export function guardRequestText(req: FastifyRequest): void {
  const parts = req as unknown as Record<string, unknown>;
  // Named as validation names them: params, querystring, body.
  for (const [part, name] of [['params', 'params'], ['query', 'querystring'], ['body', 'body']] as const) {
    const offence = cleanValue(parts, part, name);
    if (offence) throw textNotAllowed(offence, req.lang);
  }
}

/**
 * A header value fit to store (the User-Agent kept with sessions and audit entries): control
 * characters and broken surrogates become U+FFFD, bidi controls go, and it is cut to `max` characters.
 */
export function storableHeaderText(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  return stripBidiControls(value.slice(0, max))
    // eslint-disable-next-line no-control-regex -- control characters are what it replaces
    .replace(/[\u0000-\u001F\u007F]/g, '\uFFFD')
    .replace(REFUSED_GLOBAL, '\uFFFD');
}

/** Registers the guard for every route: after the access check (onRequest), before validation. */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => guardRequestText(req));
}
