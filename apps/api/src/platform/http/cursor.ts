import { DomainError } from './errors';
import type { Lang } from './i18n';
import { fieldMessage } from './validation';

/*
 * Keyset cursors of lists ordered newest first by a time and an id: base64url of [time, id] of the
 * last row shown. Opaque to clients; a cursor that is not one is a VALIDATION_FAILED on the query.
 */

export const encodeTimeCursor = (at: Date, id: string): string => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

export function decodeTimeCursor(cursor: string | undefined, lang: Lang): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1]) && !Number.isNaN(Date.parse(v[0]))) {
      return { at: new Date(v[0]), id: v[1] };
    }
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'querystring.cursor', code: 'invalid_format', message: fieldMessage('invalid_format', lang) }] });
}
