import { createRequire } from 'node:module';
import { IDENTIFIER_FORMATS, isIdentifierFormat } from '@dargah/contracts';
import { normalizeDisplay, toAsciiDigits, toPersianDigits } from '@dargah/persian';
import type { FieldProblem } from '../http/errors';
import type { Lang } from '../http/i18n';
import { fieldMessage } from '../http/validation';

/**
 * Forms as data (platform/forms): a form is a JSON Schema (draft 2020-12 subset: an object of string, number, integer,
 * boolean and enum properties with `required`). The server validates what a citizen sends with
 * ajv 8 — the validator the web app's form library uses — after normalising Persian input, and
 * turns each ajv error into a field problem (`body.form.<field>`) in Persian or English.
 */

// ajv 8 and ajv-formats are loaded at run time, preferring a direct ajv 8 dependency and falling
// back to the copy ajv-formats brings (the workspace's top-level `ajv` is eslint's ajv 6).
interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}
interface ValidateFn {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface AjvInstance {
  compile(schema: object): ValidateFn;
  addFormat(name: string, format: { type: 'string'; validate: (s: string) => boolean }): unknown;
}
type AjvClass = new (opts: Record<string, unknown>) => AjvInstance;
type Plugin = (ajv: AjvInstance) => unknown;

const defaultExport = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;

function loadAjv(): AjvInstance {
  const here = createRequire(import.meta.url);
  const places = [here];
  try {
    places.push(createRequire(here.resolve('ajv-formats')));
  } catch {
    // ajv-formats absent: only a direct ajv 8 will do
  }
  for (const req of places) {
    let major: number;
    try {
      major = Number((req('ajv/package.json') as { version: string }).version.split('.')[0]);
    } catch {
      continue;
    }
    if (major < 8) continue;
    const Ajv2020 = defaultExport<AjvClass>(req('ajv/dist/2020'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    try {
      defaultExport<Plugin>(req('ajv-formats'))(ajv);
    } catch {
      // formats (email, date…) stay unchecked without ajv-formats
    }
    // Iranian identifiers (ir-postal-code…), checked by @dargah/persian as the web form checks them.
    for (const [name, f] of Object.entries(IDENTIFIER_FORMATS)) ajv.addFormat(name, { type: 'string', validate: (v) => f.check(v).ok });
    return ajv;
  }
  throw new Error('ajv 8 is not installed: add "ajv" ^8 (and "ajv-formats" ^3) to apps/api dependencies');
}

let ajv: AjvInstance | undefined;
const compiled = new Map<string, ValidateFn>();

/** The compiled validator of a schema, or ajv's reason why it is not a valid schema. */
export function compileProblem(schema: Record<string, unknown>): string | null {
  try {
    validatorFor(schema);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message.slice(0, 500) : 'invalid schema';
  }
}

/** The compiled validator of a schema, cached by its text (schemas change only with a new service version). */
function validatorFor(schema: Record<string, unknown>): ValidateFn {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) {
    ajv ??= loadAjv();
    fn = ajv.compile(schema);
    if (compiled.size >= 500) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, fn);
  }
  return fn;
}

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
}

const typesOf = (p: PropertySchema | undefined): string[] => (p?.type === undefined ? [] : Array.isArray(p.type) ? p.type : [p.type]);

/**
 * Normalises what was typed before validation: Arabic ي/ك folded, invisible marks removed and
 * spaces collapsed in every string; an empty string counts as not filled in; Persian and Arabic
 * digits become ASCII in codes (fields with a pattern or format), and an option typed with other
 * digits becomes the option as listed. Free text keeps its digits as typed. Types are never
 * converted: a number field takes a JSON number, and a string sent for it ("5", "۵") is refused by
 * validation as the wrong type (ADR 0010) — the web app sends numbers.
 */
export function normaliseForm(schema: Record<string, unknown>, form: Record<string, unknown>): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, PropertySchema | undefined>;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form)) {
    if (typeof value !== 'string') {
      out[name] = value;
      continue;
    }
    const p = props[name];
    const types = typesOf(p);
    let s = normalizeDisplay(value).trim();
    if (s === '') continue;
    if (types.length > 0 && !types.includes('string') && !p?.enum) {
      out[name] = s; // a string where the schema wants another type: validation names it
      continue;
    }
    if (p?.enum) {
      // An option is kept as listed; digits typed in another script are matched to it.
      const options = p.enum.filter((o): o is string => typeof o === 'string');
      s = options.find((o) => o === s || toAsciiDigits(o) === toAsciiDigits(s)) ?? s;
    } else if (isIdentifierFormat(p?.format)) {
      // An identifier is kept canonical (ASCII digits, no spaces or dashes) once it is valid.
      const r = IDENTIFIER_FORMATS[p.format].check(s);
      s = r.ok ? r.value : toAsciiDigits(s);
    } else if (p && (p.pattern !== undefined || p.format !== undefined)) {
      s = toAsciiDigits(s);
    }
    out[name] = s;
  }
  return out;
}

const n = (v: unknown, lang: Lang) => (lang === 'fa' ? toPersianDigits(String(v)) : String(v));

/** Field problems use the codes of the HTTP layer's zod problems, so the web app handles both alike. */
function problemOf(e: AjvError, lang: Lang): { field: string; code: string; message: string } {
  const at = e.instancePath.split('/').filter(Boolean).join('.');
  const p = e.params;
  const fa = lang === 'fa';
  switch (e.keyword) {
    case 'required':
      return { field: [at, String(p.missingProperty)].filter(Boolean).join('.'), code: 'REQUIRED', message: fa ? 'این فیلد الزامی است.' : 'This field is required.' };
    case 'additionalProperties':
      return { field: [at, String(p.additionalProperty)].filter(Boolean).join('.'), code: 'unrecognized_keys', message: fa ? 'این فیلد در فرم این خدمت وجود ندارد.' : 'This field is not part of this service’s form.' };
    case 'type': {
      const t = String(p.type);
      const message =
        t === 'integer' ? (fa ? 'یک عدد صحیح وارد کنید.' : 'Enter a whole number.')
        : t === 'number' ? (fa ? 'یک عدد وارد کنید.' : 'Enter a number.')
        : t === 'boolean' ? (fa ? 'بله یا خیر را انتخاب کنید.' : 'Choose yes or no.')
        : fa ? 'نوع مقدار درست نیست.' : 'The value has the wrong type.';
      return { field: at, code: 'invalid_type', message };
    }
    case 'const':
      if (p.allowedValue === true) return { field: at, code: 'invalid_value', message: fa ? 'برای ادامه، این گزینه را تأیید کنید.' : 'Tick this box to continue.' };
      return { field: at, code: 'invalid_value', message: fa ? 'مقدار معتبر نیست.' : 'The value is not valid.' };
    case 'enum':
      return { field: at, code: 'invalid_value', message: fa ? 'یکی از گزینه‌های فهرست را انتخاب کنید.' : 'Choose one of the listed options.' };
    case 'minLength':
      return { field: at, code: 'too_small', message: fa ? `دست‌کم ${n(p.limit, lang)} نویسه وارد کنید.` : `Enter at least ${n(p.limit, lang)} characters.` };
    case 'maxLength':
      return { field: at, code: 'too_big', message: fa ? `حداکثر ${n(p.limit, lang)} نویسه مجاز است.` : `At most ${n(p.limit, lang)} characters are allowed.` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { field: at, code: 'too_small', message: fa ? `مقدار باید ${String(p.comparison) === '>' ? 'بیشتر از' : 'دست‌کم'} ${n(p.limit, lang)} باشد.` : `The value must be ${String(p.comparison) === '>' ? 'more than' : 'at least'} ${n(p.limit, lang)}.` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { field: at, code: 'too_big', message: fa ? `مقدار باید ${String(p.comparison) === '<' ? 'کمتر از' : 'حداکثر'} ${n(p.limit, lang)} باشد.` : `The value must be ${String(p.comparison) === '<' ? 'less than' : 'at most'} ${n(p.limit, lang)}.` };
    case 'format':
      if (isIdentifierFormat(p.format)) {
        const code = IDENTIFIER_FORMATS[p.format].code;
        return { field: at, code, message: fieldMessage(code, lang) };
      }
      return { field: at, code: 'invalid_format', message: fa ? 'قالب مقدار درست نیست.' : 'The value is not in the right format.' };
    case 'pattern':
      return { field: at, code: 'invalid_format', message: fa ? 'قالب مقدار درست نیست.' : 'The value is not in the right format.' };
    default:
      return { field: at, code: 'custom', message: fa ? 'مقدار معتبر نیست.' : 'The value is not valid.' };
  }
}

export type FormCheck = { ok: true; form: Record<string, unknown> } | { ok: false; fields: FieldProblem[] };

/** Normalises and validates a filled form against the service's schema. */
export function checkForm(schema: Record<string, unknown>, form: Record<string, unknown>, lang: Lang): FormCheck {
  const normalised = normaliseForm(schema, form);
  const validate = validatorFor(schema);
  if (validate(normalised)) return { ok: true, form: normalised };
  const seen = new Set<string>();
  const fields: FieldProblem[] = [];
  for (const e of validate.errors ?? []) {
    const p = problemOf(e, lang);
    const field = p.field ? `body.form.${p.field}` : 'body.form';
    if (seen.has(`${field}:${p.code}`)) continue;
    seen.add(`${field}:${p.code}`);
    fields.push({ ...p, field });
  }
  return { ok: false, fields };
}
