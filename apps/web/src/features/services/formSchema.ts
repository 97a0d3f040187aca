import { isIdentifierFormat, type IdentifierFormat } from '@dargah/contracts';

/**
 * A service's form is a JSON Schema (the subset the API accepts: an object of string, enum, number,
 * integer and boolean properties, `title`, `description`, `required`, and the usual bounds). This
 * module turns it into a list of fields to render, checks values the way the server will (for
 * instant feedback; the server stays the authority), and builds the `form` object to submit.
 * Pure: no React, no i18n (problems are codes the page translates).
 */

export type FieldKind = 'text' | 'textarea' | 'email' | 'tel' | 'date' | 'number' | 'select' | 'radios' | 'checkbox';

export interface FieldOption {
  /** The value as the schema has it (sent to the server). */
  value: string | number | boolean;
  /** The value as the control holds it. */
  key: string;
  label: string;
}

export interface FormFieldSpec {
  name: string;
  kind: FieldKind;
  label: string;
  help?: string;
  required: boolean;
  /** `integer` numbers refuse fractions. */
  integer?: boolean;
  options?: FieldOption[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  /** An Iranian identifier asked for by `format` (`ir-postal-code`…), checked as the server checks it. */
  identifier?: IdentifierFormat;
  /** A checkbox that must be ticked (`const: true`), e.g. "I confirm the information is correct". */
  mustBeChecked?: boolean;
  defaultValue?: string | boolean;
}

export interface FormModel {
  fields: FormFieldSpec[];
  /** Properties this renderer cannot show (arrays, nested objects): the page says so. */
  unsupported: string[];
}

/** What the controls hold: text for text, numbers and choices; a boolean for checkboxes. */
export type FormValues = Record<string, string | boolean>;

export type FieldProblemCode =
  | 'required'
  | 'mustBeChecked'
  | 'tooShort'
  | 'tooLong'
  | 'notNumber'
  | 'notInteger'
  | 'tooSmall'
  | 'tooLarge'
  | 'pattern'
  | 'notAnOption'
  | 'email'
  | 'identifier';

export interface FieldProblem {
  code: FieldProblemCode;
  /** The bound broken (length or value), for messages such as "at least {{limit}} characters". */
  limit?: number;
  /** For `identifier`: which one, so the message can say what shape it expects. */
  format?: IdentifierFormat;
}

/** Enums with at most this many options are radio buttons; longer ones a drop-down list. */
export const MAX_RADIO_OPTIONS = 4;
/** Strings allowed to be longer than this get a multi-line text area. */
export const TEXTAREA_FROM_LENGTH = 200;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function schemaType(prop: Json): string | undefined {
  const type = prop.type;
  if (typeof type === 'string') return type;
  // `["string", "null"]`: an optional value that may be null.
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null');
  if (Array.isArray(prop.enum)) return typeof prop.enum[0] === 'number' ? 'number' : 'string';
  if (Array.isArray(prop.oneOf) || Array.isArray(prop.anyOf)) return 'string';
  return undefined;
}

/** Options of an enum: `enum` (+ `enumNames` / `x-enumNames` labels), or `oneOf`/`anyOf` of `{ const, title }`. */
function optionsOf(prop: Json): FieldOption[] | undefined {
  const toOption = (value: unknown, label: unknown): FieldOption | undefined =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? { value, key: String(value), label: str(label) ?? String(value) }
      : undefined;
  if (Array.isArray(prop.enum)) {
    const names = Array.isArray(prop['x-enumNames'])
      ? prop['x-enumNames']
      : Array.isArray(prop.enumNames)
        ? prop.enumNames
        : [];
    const options = prop.enum.map((value, i) => toOption(value, names[i]));
    return options.filter((o): o is FieldOption => o !== undefined);
  }
  const alternatives = Array.isArray(prop.oneOf) ? prop.oneOf : Array.isArray(prop.anyOf) ? prop.anyOf : undefined;
  if (alternatives?.every((alt) => isObject(alt) && 'const' in alt)) {
    return (alternatives as Json[])
      .map((alt) => toOption(alt.const, alt.title))
      .filter((o): o is FieldOption => o !== undefined);
  }
  return undefined;
}

function widgetOf(prop: Json): string | undefined {
  return str(prop['x-widget']) ?? str(prop['ui:widget']);
}

function fieldOf(name: string, prop: Json, required: boolean): FormFieldSpec | undefined {
  const type = schemaType(prop);
  const base = {
    name,
    label: str(prop.title) ?? name,
    required,
    ...(str(prop.description) ? { help: str(prop.description) } : {}),
  };
  const options = optionsOf(prop);
  if (options && options.length > 0) {
    const widget = widgetOf(prop);
    const kind: FieldKind =
      widget === 'radio' || widget === 'radios'
        ? 'radios'
        : widget === 'select'
          ? 'select'
          : options.length <= MAX_RADIO_OPTIONS
            ? 'radios'
            : 'select';
    const preset = options.find((o) => o.value === prop.default);
    return { ...base, kind, options, ...(preset ? { defaultValue: preset.key } : {}) };
  }
  switch (type) {
    case 'string': {
      const format = str(prop.format);
      const maxLength = num(prop.maxLength);
      const widget = widgetOf(prop);
      const identifier = isIdentifierFormat(format) ? format : undefined;
      const kind: FieldKind =
        identifier === 'ir-mobile'
          ? 'tel'
          : widget === 'textarea' ||
              format === 'textarea' ||
              (maxLength !== undefined && maxLength > TEXTAREA_FROM_LENGTH)
            ? 'textarea'
            : format === 'email'
              ? 'email'
              : format === 'tel' || format === 'phone'
                ? 'tel'
                : format === 'date'
                  ? 'date'
                  : 'text';
      return {
        ...base,
        kind,
        ...(num(prop.minLength) !== undefined ? { minLength: num(prop.minLength) } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
        ...(str(prop.pattern) ? { pattern: str(prop.pattern) } : {}),
        ...(identifier ? { identifier } : {}),
        ...(typeof prop.default === 'string' ? { defaultValue: prop.default } : {}),
      };
    }
    case 'number':
    case 'integer': {
      const exclusiveMin = num(prop.exclusiveMinimum);
      const exclusiveMax = num(prop.exclusiveMaximum);
      const integer = type === 'integer';
      // For integers an exclusive bound is the next whole number; for decimals keep it as a bound.
      const minimum =
        num(prop.minimum) ?? (exclusiveMin !== undefined ? (integer ? exclusiveMin + 1 : exclusiveMin) : undefined);
      const maximum =
        num(prop.maximum) ?? (exclusiveMax !== undefined ? (integer ? exclusiveMax - 1 : exclusiveMax) : undefined);
      return {
        ...base,
        kind: 'number',
        ...(integer ? { integer: true } : {}),
        ...(minimum !== undefined ? { minimum } : {}),
        ...(maximum !== undefined ? { maximum } : {}),
        ...(typeof prop.default === 'number' ? { defaultValue: String(prop.default) } : {}),
      };
    }
    case 'boolean':
      return {
        ...base,
        kind: 'checkbox',
        ...(prop.const === true ? { mustBeChecked: true } : {}),
        ...(typeof prop.default === 'boolean' ? { defaultValue: prop.default } : {}),
      };
    default:
      return undefined;
  }
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * The order to ask the questions in. A schema may say it (`x-order`, or `ui:order` as
 * react-jsonschema-form has it). Otherwise the required fields come first, in the order `required`
 * lists them, then the optional ones: the order of an object's keys does not survive every store
 * (PostgreSQL `jsonb` sorts them by length), while arrays keep theirs.
 */
export function fieldOrder(schema: Record<string, unknown>, names: readonly string[]): string[] {
  const known = new Set(names);
  const explicit =
    stringList(schema['x-order']).length > 0 ? stringList(schema['x-order']) : stringList(schema['ui:order']);
  const first = (explicit.length > 0 ? explicit : stringList(schema.required)).filter((n) => known.has(n));
  const chosen = new Set(first);
  return [...chosen, ...names.filter((n) => !chosen.has(n))];
}

/** The fields of a service's form schema, in the order to ask them (see `fieldOrder`). */
export function formModelFromSchema(schema: unknown): FormModel {
  if (!isObject(schema) || !isObject(schema.properties)) return { fields: [], unsupported: [] };
  const properties = schema.properties;
  const required = new Set(stringList(schema.required));
  const fields: FormFieldSpec[] = [];
  const unsupported: string[] = [];
  for (const name of fieldOrder(schema, Object.keys(properties))) {
    const prop = properties[name];
    const field = isObject(prop) ? fieldOf(name, prop, required.has(name)) : undefined;
    if (field) fields.push(field);
    else unsupported.push(isObject(prop) ? (str(prop.title) ?? name) : name);
  }
  return { fields, unsupported };
}

/**
 * A submitted answer for display: the option's label for a choice, the value as text otherwise.
 * The server keeps numbers and codes (identifiers, patterned fields) with ASCII digits whatever was
 * typed; `digits` gives them back in the reader's digits (Persian in fa). Free text is shown as typed.
 */
export function displayAnswer(
  field: FormFieldSpec | undefined,
  value: unknown,
  digits: (text: string) => string = (text) => text,
): { text: string; isBoolean?: boolean; code?: boolean } {
  if (typeof value === 'boolean') return { text: String(value), isBoolean: true };
  const option = field?.options?.find((o) => o.value === value || o.key === String(value));
  if (option) return { text: option.label };
  if (typeof value === 'string') {
    const code = Boolean(field && (field.identifier || field.pattern || field.kind === 'tel' || field.kind === 'date'));
    return code ? { text: digits(value), code } : { text: value };
  }
  if (typeof value === 'number' || typeof value === 'bigint') return { text: digits(String(value)) };
  if (value === null || value === undefined) return { text: '' };
  return { text: JSON.stringify(value) };
}
