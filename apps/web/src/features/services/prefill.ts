import type { RequestPrefill } from '../../lib/contracts';

/*
 * Once-only prefill on the apply page: the server names a nested field by its path joined with dots
 * (`applicant.workplace.employer`); the form's data is nested objects. Pure: no React.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The known answers as the form's data: each path set in nested objects, only under the form's own top-level fields. */
export function knownAnswers(prefill: RequestPrefill | undefined, fieldNames: readonly string[]): Json {
  const out: Json = {};
  for (const { field, value } of prefill?.fields ?? []) {
    const path = field.split('.');
    if (!fieldNames.includes(path[0]!)) continue;
    let at = out;
    for (const key of path.slice(0, -1)) at = isObject(at[key]) ? (at[key]) : (at[key] = {});
    at[path.at(-1)!] = value;
  }
  return out;
}

/** The form's data with the known answers under what the person already has (a saved draft wins, field by field, at every depth). */
export function mergeUnder(known: Json, saved: Json): Json {
  const out: Json = { ...known };
  for (const [k, v] of Object.entries(saved)) out[k] = isObject(v) && isObject(out[k]) ? mergeUnder(out[k], v) : v;
  return out;
}

/** A field's title by its dotted path in the form's JSON Schema (the path itself when it has none). */
export function titleAt(schema: unknown, field: string): string {
  let def: unknown = schema;
  for (const key of field.split('.')) def = isObject(def) && isObject(def.properties) ? def.properties[key] : undefined;
  return isObject(def) && typeof def.title === 'string' ? def.title : field;
}

/** Whether a saved draft already holds a value at the path (then the prefill did not fill it). */
export function heldAt(saved: Json, field: string): boolean {
  let v: unknown = saved;
  for (const key of field.split('.')) {
    if (!isObject(v) || !(key in v)) return false;
    v = v[key];
  }
  return true;
}
