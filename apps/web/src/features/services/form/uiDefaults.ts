/**
 * The UI schema rjsf is given: the service's own UI schema with the desk's defaults filled in
 * where it says nothing (ADR 0035) — few choices as radio buttons and many as a list, long text as
 * a text area, labels of choices from `x-enumNames`/`enumNames`, a province/county pair as linked
 * lists. Pure, so the builder's preview and the apply page show the same form.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Enums with at most this many options are radio buttons; longer ones a drop-down list. */
export const MAX_RADIO_OPTIONS = 4;
/** Strings allowed to be longer than this get a multi-line text area. */
export const TEXTAREA_FROM_LENGTH = 200;

function fieldUi(prop: Json, ui: Json): Json {
  const out: Json = { ...ui };
  const widget = typeof prop['x-widget'] === 'string' ? prop['x-widget'] : undefined;
  if (prop.type === 'object' && isObject(prop.properties)) {
    const props = prop.properties;
    if (widget === 'provinceCounty' || ('province' in props && 'county' in props && Object.keys(props).length === 2)) {
      out['ui:field'] ??= 'provinceCounty';
      return out;
    }
    return { ...out, ...uiFor(prop, ui) };
  }
  if (prop.type === 'array' && isObject(prop.items)) {
    out.items = fieldUi(prop.items, isObject(ui.items) ? ui.items : {});
    return out;
  }
  const enumValues = Array.isArray(prop.enum) ? prop.enum : undefined;
  if (enumValues) {
    const names = Array.isArray(prop['x-enumNames']) ? prop['x-enumNames'] : Array.isArray(prop.enumNames) ? prop.enumNames : undefined;
    if (names && out['ui:enumNames'] === undefined) out['ui:enumNames'] = names;
    if (out['ui:widget'] === undefined) out['ui:widget'] = widget === 'select' ? 'select' : widget === 'radio' || widget === 'radios' || enumValues.length <= MAX_RADIO_OPTIONS ? 'radio' : 'select';
    return out;
  }
  if (prop.type === 'string' && out['ui:widget'] === undefined) {
    const long = typeof prop.maxLength === 'number' && prop.maxLength > TEXTAREA_FROM_LENGTH;
    if (widget === 'textarea' || widget === 'address' || prop.format === 'textarea' || long) out['ui:widget'] = 'textarea';
  }
  return out;
}

/** The UI schema of an object schema (the form, or a group in it). */
export function uiFor(schema: Json, ui: Json = {}): Json {
  const out: Json = { ...ui };
  const props = isObject(schema.properties) ? schema.properties : {};
  for (const [name, prop] of Object.entries(props)) {
    if (!isObject(prop)) continue;
    out[name] = fieldUi(prop, isObject(ui[name]) ? ui[name] : {});
  }
  // Fields added by `if`/`then` or `dependencies` are shown after the others.
  if (out['ui:order'] === undefined) out['ui:order'] = [...Object.keys(props), '*'];
  return out;
}
