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

/** PostgreSQL and driver errors that mean "the database cannot be reached right now". */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code))) return true;
    if (typeof message === 'string' && /PGlite is closed|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/i.test(message)) return true;
  }
  return false;
}
