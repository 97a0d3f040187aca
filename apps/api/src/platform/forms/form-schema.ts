import { IDENTIFIER_FORMATS } from '@dargah/contracts';
import { compileProblem } from './form-check';

/**
 * What a service version's form must be before it is saved or published: an object schema whose
 * fields the desk can show, validate and print. Every problem is reported at once, at its path, so
 * the editor can mark each field.
 */
export const FORM_FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

/** Formats ajv-formats checks, and the Iranian identifiers of @dargah/persian. */
const KNOWN_FORMATS = new Set<string>([
  'date', 'time', 'date-time', 'duration', 'uri', 'uri-reference', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid',
  ...Object.keys(IDENTIFIER_FORMATS),
]);

export interface FormSchemaProblem {
  /** JSON path inside the schema, e.g. `properties.postalCode.format`. */
  path: string;
  code: 'not_object' | 'no_properties' | 'too_many_fields' | 'bad_field_name' | 'bad_type' | 'no_title' | 'unknown_format' | 'unknown_required' | 'too_large' | 'not_a_schema';
}

const MAX_BYTES = 200_000;
const MAX_FIELDS = 200;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

function fieldsOf(schema: Record<string, unknown>, at: string, problems: FormSchemaProblem[]): void {
  const props = schema.properties;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    problems.push({ path: `${at}properties`, code: 'no_properties' });
    return;
  }
  const entries = Object.entries(props as Record<string, unknown>);
  if (entries.length > MAX_FIELDS) problems.push({ path: `${at}properties`, code: 'too_many_fields' });
  for (const [name, raw] of entries) {
    const path = `${at}properties.${name}`;
    if (!FIELD_NAME.test(name)) problems.push({ path, code: 'bad_field_name' });
    const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const types = Array.isArray(p.type) ? p.type : [p.type];
    if (!Array.isArray(p.enum) && !types.every((t) => typeof t === 'string' && (FORM_FIELD_TYPES as readonly string[]).includes(t)))
      problems.push({ path: `${path}.type`, code: 'bad_type' });
    if (typeof p.title !== 'string' || p.title.trim() === '') problems.push({ path: `${path}.title`, code: 'no_title' });
    if (p.format !== undefined && (typeof p.format !== 'string' || !KNOWN_FORMATS.has(p.format))) problems.push({ path: `${path}.format`, code: 'unknown_format' });
    // A repeating group (array of objects) or a nested group has fields of its own.
    if (p.type === 'object') fieldsOf(p, `${path}.`, problems);
    const items = p.items as Record<string, unknown> | undefined;
    if (p.type === 'array' && items && items.type === 'object') fieldsOf(items, `${path}.items.`, problems);
  }
  if (schema.required !== undefined) {
    const required = Array.isArray(schema.required) ? schema.required : [null];
    required.forEach((r, i) => {
      if (typeof r !== 'string' || !(r in (props as Record<string, unknown>))) problems.push({ path: `${at}required.${i}`, code: 'unknown_required' });
    });
  }
}

/** Every problem of a form's JSON Schema; empty when the desk can use it. */
export function formSchemaProblems(schema: Record<string, unknown>): FormSchemaProblem[] {
  if (JSON.stringify(schema).length > MAX_BYTES) return [{ path: '', code: 'too_large' }];
  if (schema.type !== 'object') return [{ path: 'type', code: 'not_object' }];
  const problems: FormSchemaProblem[] = [];
  fieldsOf(schema, '', problems);
  if (problems.length === 0) {
    const reason = compileProblem(schema);
    if (reason) problems.push({ path: '', code: 'not_a_schema' });
  }
  return problems;
}
