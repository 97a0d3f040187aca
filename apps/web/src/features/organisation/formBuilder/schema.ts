/**
 * The form builder's model (issue 11 item 2, ADR 0035): a list of fields an agency's staff edit,
 * turned into the JSON Schema the server validates and the UI schema rjsf renders. Pure.
 * Iranian types are `format`s the server checks (form-formats.ts); a date is `format: "date"`
 * (shown as a Jalali picker); a repeating group is an array of objects; a condition shows a field
 * only when another field has a given value (`allOf` of `if`/`then`).
 */

export const FIELD_TYPES = [
  'text', 'textarea', 'number', 'integer', 'boolean', 'choice', 'date', 'email',
  'nationalCode', 'legalId', 'postalCode', 'mobile', 'sheba', 'provinceCounty', 'address', 'group',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const FORMATS: Partial<Record<FieldType, string>> = {
  date: 'date',
  email: 'email',
  nationalCode: 'ir-national-code',
  legalId: 'ir-legal-id',
  postalCode: 'ir-postal-code',
  mobile: 'ir-mobile',
  sheba: 'ir-sheba',
};

export interface BuilderField {
  /** The property name (Latin letters, digits and _), what the answers are stored under. */
  name: string;
  title: string;
  type: FieldType;
  required: boolean;
  /** For `choice`: the options, as shown and stored. */
  options?: string[];
  /** For `group` (a repeating group): the fields of each item. */
  fields?: BuilderField[];
  /** Shown only when another (earlier, top-level) field has this value. */
  condition?: { field: string; equals: string | boolean };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field's JSON Schema. */
export function propertyOf(field: BuilderField): Json {
  const base: Json = { title: field.title };
  switch (field.type) {
    case 'text':
      return { ...base, type: 'string', maxLength: 200 };
    case 'textarea':
      return { ...base, type: 'string', maxLength: 2000 };
    case 'address':
      return { ...base, type: 'string', minLength: 10, maxLength: 500, 'x-widget': 'address' };
    case 'number':
      return { ...base, type: 'number' };
    case 'integer':
      return { ...base, type: 'integer' };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'choice':
      return { ...base, type: 'string', enum: (field.options ?? []).filter((o) => o.trim() !== '') };
    case 'provinceCounty':
      return {
        ...base,
        type: 'object',
        'x-widget': 'provinceCounty',
        properties: { province: { type: 'string', title: 'استان' }, county: { type: 'string', title: 'شهرستان' } },
        ...(field.required ? { required: ['province', 'county'] } : {}),
      };
    case 'group': {
      const inner = schemasOf(field.fields ?? []);
      return { ...base, type: 'array', items: { type: 'object', ...inner.formSchema, title: field.title }, ...(field.required ? { minItems: 1 } : {}) };
    }
    default:
      return { ...base, type: 'string', format: FORMATS[field.type] };
  }
}

function uiOf(field: BuilderField): Json | undefined {
  if (field.type === 'textarea' || field.type === 'address') return { 'ui:widget': 'textarea' };
  if (field.type === 'provinceCounty') return { 'ui:field': 'provinceCounty' };
  if (field.type === 'group') return { items: schemasOf(field.fields ?? []).uiSchema };
  return undefined;
}

/** The JSON Schema and UI schema of a list of fields (the form, or a repeating group's item). */
export function schemasOf(fields: readonly BuilderField[]): { formSchema: Json; uiSchema: Json } {
  const properties: Json = {};
  const required: string[] = [];
  const uiSchema: Json = {};
  const conditions: Json[] = [];
  const order: string[] = [];
  for (const field of fields) {
    const prop = propertyOf(field);
    const ui = uiOf(field);
    if (ui) uiSchema[field.name] = ui;
    order.push(field.name);
    if (field.condition && fields.some((f) => f.name === field.condition!.field && !f.condition)) {
      conditions.push({
        if: { properties: { [field.condition.field]: { const: field.condition.equals } }, required: [field.condition.field] },
        then: { properties: { [field.name]: prop }, ...(field.required ? { required: [field.name] } : {}) },
      });
      continue;
    }
    properties[field.name] = prop;
    if (field.required && field.type !== 'boolean') required.push(field.name);
    if (field.required && field.type === 'boolean') {
      properties[field.name] = { ...prop, const: true };
      required.push(field.name);
    }
  }
  uiSchema['ui:order'] = [...order, '*'];
  const formSchema: Json = { type: 'object', properties, ...(required.length > 0 ? { required } : {}), ...(conditions.length > 0 ? { allOf: conditions } : {}) };
  return { formSchema, uiSchema };
}

const TYPE_OF_FORMAT: Record<string, FieldType> = Object.fromEntries(Object.entries(FORMATS).map(([type, format]) => [format, type as FieldType]));

/** A property of a schema back as a builder field (what the builder wrote, and plain schemas written by hand). */
function fieldOf(name: string, prop: Json, required: boolean, ui: Json): BuilderField {
  const title = typeof prop.title === 'string' ? prop.title : name;
  const base = { name, title, required };
  if (Array.isArray(prop.enum)) return { ...base, type: 'choice', options: prop.enum.map(String) };
  if (prop.type === 'object' && (prop['x-widget'] === 'provinceCounty' || ui['ui:field'] === 'provinceCounty')) return { ...base, type: 'provinceCounty' };
  if (prop.type === 'array' && isObject(prop.items)) {
    return { ...base, required: typeof prop.minItems === 'number' && prop.minItems > 0, type: 'group', fields: fieldsOf(prop.items, isObject(ui.items) ? ui.items : {}) };
  }
  if (prop.type === 'boolean') return { ...base, required: required || prop.const === true, type: 'boolean' };
  if (prop.type === 'number' || prop.type === 'integer') return { ...base, type: prop.type };
  if (typeof prop.format === 'string' && TYPE_OF_FORMAT[prop.format]) return { ...base, type: TYPE_OF_FORMAT[prop.format]! };
  if (prop['x-widget'] === 'address') return { ...base, type: 'address' };
  if (ui['ui:widget'] === 'textarea' || (typeof prop.maxLength === 'number' && prop.maxLength > 200)) return { ...base, type: 'textarea' };
  return { ...base, type: 'text' };
}

/** The builder's fields of a form's JSON Schema and UI schema, in the form's order. */
export function fieldsOf(schema: Json, uiSchema: Json = {}): BuilderField[] {
  const props = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const out: BuilderField[] = [];
  for (const [name, prop] of Object.entries(props)) {
    if (isObject(prop)) out.push(fieldOf(name, prop, required.has(name), isObject(uiSchema[name]) ? uiSchema[name] : {}));
  }
  for (const c of Array.isArray(schema.allOf) ? schema.allOf : []) {
    if (!isObject(c) || !isObject(c.if) || !isObject(c.then)) continue;
    const cond = Object.entries(isObject(c.if.properties) ? c.if.properties : {})[0];
    const then = isObject(c.then.properties) ? c.then.properties : {};
    const thenRequired = new Set(Array.isArray(c.then.required) ? c.then.required.map(String) : []);
    if (!cond || !isObject(cond[1]) || !('const' in cond[1])) continue;
    for (const [name, prop] of Object.entries(then)) {
      if (!isObject(prop)) continue;
      const equals = cond[1].const;
      out.push({ ...fieldOf(name, prop, thenRequired.has(name), isObject(uiSchema[name]) ? uiSchema[name] : {}), condition: { field: cond[0], equals: typeof equals === 'boolean' ? equals : String(equals) } });
    }
  }
  const order = Array.isArray(uiSchema['ui:order']) ? uiSchema['ui:order'].map(String) : [];
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
  return out.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f.name) - rank(b.f.name) || a.i - b.i).map(({ f }) => f);
}

/** A field name not yet used: `field1`, `field2`… */
export function freshName(fields: readonly BuilderField[]): string {
  for (let i = fields.length + 1; ; i++) if (!fields.some((f) => f.name === `field${i}`)) return `field${i}`;
}

/** Moves the field at `from` by `by` places (−1 up, +1 down); the list unchanged at its ends. */
export function move<T>(list: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}
