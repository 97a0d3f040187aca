/**
 * Converting values to and from SQL parameters and results the same way on PGlite and
 * node-postgres (which differ in how they return timestamps, jsonb and arrays). One set for every
 * repository.
 */

/** A timestamp parameter (with `::timestamptz`). */
export const iso = (d: Date): string => d.toISOString();

/** A timestamp from a result (a Date from node-postgres, a string or Date from PGlite). */
export const date = (v: unknown): Date => new Date(v as string | Date);

/** A nullable timestamp from a result. */
export const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string | Date));

/** A jsonb value from a result (parsed where the driver hands back text). */
export const json = <T = unknown>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** A PostgreSQL array literal sent as one parameter (with `::text[]` or `::uuid[]`). */
export const pgArray = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** A text[] from a result (an array from node-postgres, sometimes the literal `{a,b}` from PGlite). */
export function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== 'string' || v === '{}') return [];
  return v
    .slice(1, -1)
    .match(/"((?:[^"\\]|\\.)*)"|[^,]+/g)!
    .map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s));
}
