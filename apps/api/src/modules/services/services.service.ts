import type { PublicService } from '@dargah/contracts';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { DomainError } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { fieldMessage } from '../../platform/http/validation';
import * as repo from './services.repository';

export type { ServiceRow, NewService, Recipients } from './services.repository';

/** What the catalogue shows: the title and agency name in the caller's language when there is one. */
export function toPublicService(s: repo.ServiceRow, lang: Lang): PublicService {
  return {
    id: s.id,
    agencyId: s.agencyId,
    agencyName: (lang === 'en' && s.agencyNameEn) || s.agencyNameFa,
    title: (lang === 'en' && s.titleEn) || s.titleFa,
    description: s.descriptionFa,
    normDays: s.normDays,
    formSchema: s.formSchema,
    recipients: s.recipients,
  };
}

// An opaque keyset cursor: base64url of [title_fa, id] of the last row shown.
const encodeCursor = (s: { titleFa: string; id: string }) => Buffer.from(JSON.stringify([s.titleFa, s.id])).toString('base64url');

function decodeCursor(cursor: string, lang: Lang): { titleFa: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1])) {
      return { titleFa: v[0], id: v[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'querystring.cursor', code: 'invalid_format', message: fieldMessage('invalid_format', lang) }] });
}

export interface CatalogueQuery {
  agencyId?: string | undefined;
  recipients?: repo.Recipients | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** GET /services: published services of active agencies, a page at a time. Open to everyone. */
export async function listServices(ctx: AppContext, q: CatalogueQuery, lang: Lang): Promise<{ items: PublicService[]; nextCursor: string | null }> {
  const found = await repo.listPublishedServices(ctx.database.db, {
    agencyId: q.agencyId,
    recipients: q.recipients,
    after: q.cursor ? decodeCursor(q.cursor, lang) : undefined,
    limit: q.limit,
  });
  const page = found.slice(0, q.limit);
  return { items: page.map((s) => toPublicService(s, lang)), nextCursor: found.length > q.limit ? encodeCursor(page.at(-1)!) : null };
}

/** GET /services/:id: a published service, or SERVICE_NOT_FOUND. */
export async function getService(ctx: AppContext, id: string, lang: Lang): Promise<PublicService> {
  const s = await findPublishedService(ctx.database.db, id);
  if (!s) throw new DomainError('SERVICE_NOT_FOUND', { serviceId: id });
  return toPublicService(s, lang);
}

/** A service citizens may apply for now, or undefined (unknown or unpublished). */
export async function findPublishedService(db: Db, id: string): Promise<repo.ServiceRow | undefined> {
  const s = await repo.findService(db, id);
  return s?.published ? s : undefined;
}

/** Adds a service to an agency's catalogue (the demo seed now; the catalogue administration later). */
export const createService = (db: Db, s: repo.NewService, now: Date): Promise<string> => repo.insertService(db, s, now);
