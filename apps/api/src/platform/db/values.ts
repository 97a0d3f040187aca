import { sql } from 'drizzle-orm';

/**
 * Converting values to SQL parameters and back from results, the same way on PGlite and
 * node-postgres (which differ in how they return timestamps, jsonb and arrays). One set for every
 * repository: import them from `platform/db`, never write them again.
 *
 * Parameters (JS -> SQL): `iso`, `list` (with `uuids`), `jsonb`. Results (SQL -> JS): `date`, `dateOrNull`,
 * `isoOf`, `isoOrNull`, `json`, `textArray`. A NUL character cannot be stored in text or jsonb:
 * PostgreSQL refuses it with an SQLSTATE of class 22, which the HTTP layer answers as 400
 * VALUE_NOT_STORABLE (the text guard refuses it earlier, at the edge).
 */

// Parameters ------------------------------------------------------------------------------------

/** A timestamp parameter, written `${iso(d)}::timestamptz`; null (or undefined) stays SQL NULL. */
export function iso(d: Date): string;
export function iso(d: Date | null | undefined): string | null;
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/**
 * A JS array as ONE bound parameter: `= ANY(${list(ids)}::uuid[])`, `${list(scopes)}::text[]`.
 * (A bare array inside sql`` is expanded by Drizzle into a row `($1, $2)`, which cannot be cast to
 * an array.) Both drivers quote every element, so commas, braces, quotes and backslashes arrive as
 * written; an empty array is `{}`.
 */
export const list = (values: readonly string[]) => sql.param([...values]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether s is a well-formed uuid (what a `::uuid` cast accepts in its canonical form). */
export const isUuid = (s: string): boolean => UUID.test(s);
/**
 * The well-formed uuids among ids, each once: the ids that may be sent as `${list(uuids(ids))}::uuid[]`
 * (one malformed id would fail the whole cast). Null, undefined and anything else are left out.
 */
export const uuids = (ids: Iterable<string | null | undefined>): string[] =>
  [...new Set([...ids].filter((x): x is string => typeof x === 'string' && UUID.test(x)))];

/** A jsonb parameter, written `${jsonb(v)}::jsonb`; undefined stays SQL NULL, null is JSON null. */
export const jsonb = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

// Results ---------------------------------------------------------------------------------------

/** A timestamp from a result (the drivers hand back a string or a Date). */
export const date = (v: unknown): Date => new Date(v as string | Date);

/** A nullable timestamp from a result. */
export const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

/** A timestamp from a result as an ISO 8601 string (UTC, milliseconds), as the API shows it. */
export const isoOf = (v: unknown): string => date(v).toISOString();

/** A nullable timestamp from a result as an ISO 8601 string, or null. */
export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : isoOf(v));

/** A jsonb value from a result (parsed where the driver hands back text). */
export const json = <T = unknown>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * A text[] or uuid[] from a result: an array from the drivers, the literal `{a,"b c"}` where an
 * array reaches us as text. SQL NULL is the empty list.
 */
export function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== 'string' || v === '{}') return [];
  return v
    .slice(1, -1)
    .match(/"((?:[^"\\]|\\.)*)"|[^,]+/g)!
    .map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s));
}
