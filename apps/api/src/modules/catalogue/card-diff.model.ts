import type { CardChange } from '@dargah/contracts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Field by field, what changed between two versions of a card: one entry per leaf that differs,
 * with its dotted path (array items by index), the value before and after (null when absent).
 * A field added or removed as a whole object is reported at its leaves.
 */
export function diffContent(before: unknown, after: unknown, path = ''): CardChange[] {
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    if (!isObject(before) && before !== undefined && before !== null) return [{ path, before, after: after ?? null }];
    if (!isObject(after) && after !== undefined && after !== null) return [{ path, before: before ?? null, after }];
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    return keys.flatMap((k) => diffContent(b[k], a[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => diffContent(before[i], after[i], `${path}.${i}`)).flat();
  }
  if (before === after || (before === undefined && after === null) || (before === null && after === undefined))
    return [];
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before: before ?? null, after: after ?? null }];
}
