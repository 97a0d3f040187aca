/**
 * True when err (or its cause: drivers and Drizzle wrap it) is a unique violation (SQLSTATE 23505),
 * of `constraint` when given. A driver that does not name the constraint is matched by its message.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (x.code !== '23505') continue;
    if (constraint === undefined) return true;
    if (x.constraint !== undefined) return x.constraint === constraint;
    return typeof x.message === 'string' ? x.message.includes(constraint) : true;
  }
  return false;
}
