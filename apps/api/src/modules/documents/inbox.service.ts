import type { DocumentDetail, DocumentSummary, DocumentSummaryPage, LockedSignerKey } from '@dargah/contracts';
import { requireStaff, type Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Lang } from '../../platform/http/i18n';
import { agenciesByIds, agenciesWithRole, hasRole, partyKey, partyNames } from '../organisation';
import { DocumentsError } from './documents.errors';
import * as repo from './documents.repository';
import { documentsToSign, lockedKeys, type PagePosition } from './inbox.repository';
import { readPdf } from './documents.service';
import { toView } from './signing.service';

/*
 * The staff workspace's documents (issue 10): what waits for my signature, one document's record
 * and its PDF (only for staff of the issuing agency: anyone else is told it does not exist), and
 * the locked signing keys an agency's administrators may unlock.
 */

const agenciesOf = (actor: Actor & { type: 'staff' }) => [...new Set(actor.grants.map((g) => g.agencyId))];

const encodePosition = (p: PagePosition) => Buffer.from(`${p.at.toISOString()}|${p.id}`).toString('base64url');
function decodePosition(cursor: string): PagePosition {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const when = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(when.getTime()) || when.toISOString() !== at) {
    throw new DocumentsError('VALIDATION_FAILED', { fields: { cursor: 'invalid' } });
  }
  return { at: when, id };
}

async function summaries(ctx: AppContext, docs: repo.DocumentRecord[], lang: Lang): Promise<DocumentSummary[]> {
  const agencies = await agenciesByIds(
    ctx.database.db,
    docs.map((d) => d.agencyId),
  );
  return docs.map((d) => {
    const a = agencies.get(d.agencyId);
    return {
      id: d.id,
      kind: d.kind,
      title: d.title,
      verificationCode: d.verificationCode,
      status: d.status,
      agency: { id: d.agencyId, name: (lang === 'en' && a?.nameEn) || a?.nameFa || '' },
      pages: d.pages,
      signatureCount: d.signatureCount,
      issuedAt: d.createdAt.toISOString(),
    };
  });
}

/** The documents of my agencies that still stand and that I have not signed, newest first. */
export async function documentsWaitingForMe(
  ctx: AppContext,
  actor: Actor,
  q: { cursor?: string | undefined; limit: number },
  lang: Lang,
): Promise<DocumentSummaryPage> {
  requireStaff(actor);
  const after = q.cursor ? decodePosition(q.cursor) : undefined;
  const found = await documentsToSign(ctx.database.db, {
    staffId: actor.id,
    agencyIds: agenciesOf(actor),
    after,
    limit: q.limit + 1,
  });
  const page = found.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await summaries(ctx, page, lang),
    nextCursor: found.length > q.limit && last ? encodePosition({ at: last.createdAt, id: last.id }) : null,
  };
}

/** A document of one of my agencies; DOCUMENT_NOT_FOUND for a missing one and for another agency's alike. */
async function readable(ctx: AppContext, actor: Actor, id: string): Promise<repo.DocumentRecord> {
  requireStaff(actor);
  const doc = await repo.findDocument(ctx.database.db, id);
  if (!doc || !agenciesOf(actor).includes(doc.agencyId))
    throw new DocumentsError('DOCUMENT_NOT_FOUND', { documentId: id });
  return doc;
}

/** One document's record: kind, title, status, the signatures so far, and my key there. */
export async function documentRecord(ctx: AppContext, actor: Actor, id: string, lang: Lang): Promise<DocumentDetail> {
  const doc = await readable(ctx, actor, id);
  const staffId = actor.id!;
  const [[summary], signatures, key] = await Promise.all([
    summaries(ctx, [doc], lang),
    repo.signaturesOf(ctx.database.db, doc.id),
    repo.findStaffKey(ctx.database.db, staffId, doc.agencyId),
  ]);
  return {
    ...summary!,
    supersedes: doc.supersedes,
    supersededBy: doc.supersededBy,
    revokedAt: doc.revokedAt?.toISOString() ?? null,
    revokeReason: doc.revokeReason,
    signatures: signatures.map((s) => ({
      seq: s.seq,
      signerName: s.signerName,
      signerRole: s.signerRole,
      issuer: s.issuer,
      signedAt: s.signedAt.toISOString(),
      mine: s.staffId === staffId,
    })),
    myKey: key ? { id: key.id, status: key.status, failedPinCount: key.failedPinCount } : null,
    signedByMe: signatures.some((s) => s.staffId === staffId),
  };
}

/** The document's PDF as it stands (after its last signature), with a file name for the download. */
export async function documentPdf(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ pdf: Buffer; fileName: string }> {
  const doc = await readable(ctx, actor, id);
  return { pdf: await readPdf(ctx, doc.contentSha256), fileName: `dargah-${doc.kind}-${doc.verificationCode}.pdf` };
}

/** Locked keys an administrator may unlock: their agencies' (agency_admin), every agency's (platform_admin). */
export async function lockedSignerKeys(ctx: AppContext, actor: Actor): Promise<{ items: LockedSignerKey[] }> {
  requireStaff(actor);
  const platform = hasRole(actor, ['platform_admin']);
  const agencies = platform ? null : agenciesWithRole(actor, ['agency_admin']);
  if (agencies !== null && agencies.length === 0)
    throw new DocumentsError('FORBIDDEN', { need: ['agency_admin', 'platform_admin'] });
  const keys = await lockedKeys(ctx.database.db, agencies);
  const names = await partyNames(
    ctx,
    keys.map((k) => ({ type: 'staff' as const, id: k.staffId })),
  );
  return {
    items: keys.map((k) => ({
      ...toView(k),
      staff: { id: k.staffId, name: names.get(partyKey('staff', k.staffId))?.name ?? '' },
    })),
  };
}
