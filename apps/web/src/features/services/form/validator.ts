import { format as formats, validate, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { IDENTIFIER_FORMATS } from '@dargah/contracts';
import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';
import { asciiCodes } from './digits';

/**
 * The rjsf validator of a service form in the browser (ADR 0035). The server validates with ajv 8;
 * ajv compiles each schema into code with `new Function`, which our Content-Security-Policy
 * (`script-src 'self'`, no eval) forbids, so @rjsf/validator-ajv8 cannot run here. This validator
 * interprets the same JSON Schema (draft 2020-12) with @cfworker/json-schema, which never evaluates
 * code, with the same Iranian identifier formats the server registers on ajv (form-formats.ts).
 * The server stays the authority: its problems come back at the field (DeskForm's serverErrors).
 */

for (const [name, f] of Object.entries(IDENTIFIER_FORMATS)) formats[name] = (value: string) => f.check(value).ok;

/** Keywords whose failure is only the sum of failures below them: the leaves say what is wrong. */
const WRAPPERS = new Set(['properties', 'items', 'prefixItems', 'allOf', 'anyOf', 'if', 'then', 'else', '$ref', '$recursiveRef', 'dependentSchemas', 'additionalItems', 'patternProperties', 'unevaluatedItems', 'unevaluatedProperties', 'contains']);

const REQUIRED = /required property "([^"]+)"/;
const DEPENDENT = /but does not have "([^"]+)"/;

/** `#/a/0/b` → `.a.0.b`, rjsf's property path. */
const propertyOf = (instanceLocation: string, child?: string) => {
  const parts = instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => decodeURIComponent(p.replace(/~1/g, '/').replace(/~0/g, '~')));
  if (child) parts.push(child);
  return parts.length > 0 ? `.${parts.join('.')}` : '';
};

/** The schema at a keyword location (`#/properties/a/minLength` → its parent's bounds), for the error's params. */
function schemaAt(root: unknown, keywordLocation: string): Record<string, unknown> {
  let node: unknown = root;
  const parts = keywordLocation.replace(/^#\/?/, '').split('/').filter(Boolean);
  for (const part of parts.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return {};
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : {};
}

const titleOf = (schema: unknown): string | undefined =>
  typeof schema === 'object' && schema !== null && typeof (schema as { title?: unknown }).title === 'string' ? (schema as { title: string }).title : undefined;

/** One interpreter error as an rjsf error, with the params ajv would give (limit, format, missingProperty…). */
export function toRjsfError(unit: OutputUnit, root: unknown): RJSFValidationError | undefined {
  if (WRAPPERS.has(unit.keyword)) return undefined;
  const at = schemaAt(root, unit.keywordLocation);
  const params: Record<string, unknown> = {};
  let property = propertyOf(unit.instanceLocation);
  let name = unit.keyword;
  let title = titleOf(at);
  if (unit.keyword === 'required') {
    const missing = REQUIRED.exec(unit.error)?.[1];
    if (!missing) return undefined;
    params.missingProperty = missing;
    property = propertyOf(unit.instanceLocation, missing);
    title = titleOf((at.properties as Record<string, unknown> | undefined)?.[missing]);
  } else if (unit.keyword === 'dependentRequired' || unit.keyword === 'dependencies') {
    const missing = DEPENDENT.exec(unit.error)?.[1];
    if (!missing) return undefined;
    name = 'required';
    params.missingProperty = missing;
    property = propertyOf(unit.instanceLocation, missing);
  } else if (unit.keyword in at) {
    params.limit = at[unit.keyword];
    if (unit.keyword === 'format') params.format = at.format;
    if (unit.keyword === 'const') params.allowedValue = at.const;
    if (unit.keyword === 'type') params.type = at.type;
  }
  return { name, property, message: unit.error, params, stack: `${property} ${unit.error}`.trim(), schemaPath: unit.keywordLocation, ...(title ? { title } : {}) };
}

function rawErrors(schema: RJSFSchema, data: unknown): RJSFValidationError[] {
  const result = validate(data, schema as Schema, '2020-12', undefined, false);
  if (result.valid) return [];
  const seen = new Set<string>();
  const out: RJSFValidationError[] = [];
  for (const unit of result.errors) {
    const e = toRjsfError(unit, schema);
    if (!e || seen.has(`${e.property}:${e.name}`)) continue;
    seen.add(`${e.property}:${e.name}`);
    out.push(e);
  }
  return out;
}

/** Removes empty strings (a cleared text box counts as not filled in, as on the server). */
export function withoutEmptyStrings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyStrings);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    out[k] = withoutEmptyStrings(v);
  }
  return out;
}

type Data = Record<string, unknown>;

export const deskValidator: ValidatorType<Data, RJSFSchema> = {
  validateFormData(formData, schema, customValidate?: CustomValidator<Data>, transformErrors?: ErrorTransformer<Data>, uiSchema?: UiSchema<Data>): ValidationData<Data> {
    // Checked as the server checks it: codes (a pattern or a format) with their digits in ASCII.
    let errors = rawErrors(schema, asciiCodes(schema, withoutEmptyStrings(formData ?? {})));
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<Data>(errors);
    if (!customValidate) return { errors, errorSchema };
    const filled = getDefaultFormState<Data>(deskValidator, schema, formData, schema, true) as Data;
    const handler = customValidate(filled, createErrorHandler<Data>(filled), uiSchema);
    return validationDataMerge<Data>({ errors, errorSchema }, unwrapErrorHandler<Data>(handler));
  },
  isValid(schema, formData, rootSchema) {
    try {
      // Our forms use no $ref; the root's definitions are carried along for a schema that does.
      const defs = { ...(rootSchema.$defs ?? {}), ...(schema.$defs ?? {}) };
      const withDefs = (Object.keys(defs).length > 0 ? { ...schema, $defs: defs } : schema) as Schema;
      return validate(withoutEmptyStrings(formData), withDefs, '2020-12', undefined, true).valid;
    } catch {
      return false;
    }
  },
  rawValidation<Result = RJSFValidationError>(schema: RJSFSchema, formData?: Data) {
    try {
      return { errors: rawErrors(schema, formData) as Result[] };
    } catch (e) {
      return { validationError: e instanceof Error ? e : new Error(String(e)) };
    }
  },
};
