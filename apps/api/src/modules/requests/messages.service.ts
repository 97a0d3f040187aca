import { Readable } from 'node:stream';
import { REQUEST_ATTACHMENT_MAX_BYTES, REQUEST_ATTACHMENT_TYPES, type PostRequestMessage, type RequestAttachment, type RequestMessage } from '@dargah/contracts';
import type { Actor, CitizenActor, RequestOrigin, StaffActor, Who } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { notify } from '../../platform/notify';
import { rolesIn } from '../organisation';
import * as reads from './request-rows.service';
import { InteractionError } from './interaction.errors';
import { staffMessageTemplate } from './interaction.notifications';
import * as repo from './interaction.repository';
import { DESK_ROLES, mayView } from './requests.policy';
import type { RequestRow } from './requests.repository';
import { actorLabel } from './requests.service';
import { RequestsError } from './requests.errors';
import { isFinal } from './requests-workflow';

/*
 * The request's thread: its applicant (or the company's representative) and its agency's desk
 * staff write to each other, with files. A file is uploaded first (its type detected from its bytes
 * by the blob store, a size limit) and attached to the uploader's next message on the same request.
 * The applicant sees a staff message's role, never a name; each staff message is notified.
 */

const MESSAGE_STREAM = 'request_message';
const ATTACHMENT_STREAM = 'request_attachment';

type Author = CitizenActor | StaffActor;

/** A request the actor may write on: theirs or their agency's, and not yet decided. */
async function openRequestFor(db: Db, actor: Actor, requestId: string): Promise<RequestRow> {
  const r = await reads.findRequest(db, requestId);
  if (!r || !mayView(actor, r) || (actor.type !== 'citizen' && actor.type !== 'staff')) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  if (isFinal(r.status, r.workflow)) throw new InteractionError('REQUEST_THREAD_CLOSED', { requestId, status: r.status });
  return r;
}

/** The role a staff member writes as on a request of the agency: the first desk role they hold there. */
const deskRoleOf = (staff: StaffActor, agencyId: string): string => {
  const held = rolesIn(staff, agencyId);
  return DESK_ROLES.find((r) => held.includes(r))!;
};

/**
 * Writes a message (and attaches the author's uploads named) in the caller's transaction, with its
 * event and audit entry; a staff message is notified to the applicant in the same transaction.
 */
export async function postInTransaction(ctx: AppContext, tx: Tx, who: Who<Author>, r: RequestRow, input: PostRequestMessage): Promise<string> {
  const { actor, at } = who;
  const role = actor.type === 'staff' ? deskRoleOf(actor, r.agencyId) : null;
  const id = await repo.insertMessage(tx.db, {
    requestId: r.id,
    agencyId: r.agencyId,
    authorType: actor.type,
    authorId: actor.id,
    authorRole: role,
    onBehalfOfId: actor.type === 'citizen' ? actor.onBehalfOfId : null,
    body: input.body,
    createdAt: at,
  });
  const wanted = [...new Set(input.attachmentIds)];
  const attached = await repo.attachToMessage(tx.db, r.id, actor, wanted, id);
  if (attached.length !== wanted.length) throw new InteractionError('ATTACHMENT_UNUSABLE', { attachmentIds: wanted.filter((a) => !attached.includes(a)) });
  await recordChange(tx, who, {
    stream: MESSAGE_STREAM,
    id,
    event: 'posted',
    audit: 'request_message.post',
    agencyId: r.agencyId,
    details: { requestId: r.id, trackingCode: r.trackingCode, attachments: attached.length, ...(role ? { actedAs: role } : {}) },
  });
  if (actor.type === 'staff')
    await notify(ctx, tx, staffMessageTemplate, {
      to: { person: { type: 'citizen', id: r.applicantId } },
      personalisation: { trackingCode: r.trackingCode, service: r.serviceTitleFa },
      agencyId: r.agencyId,
      reference: r.id,
    });
  return id;
}

/** The applicant or desk staff of the agency write on an open request; 201 with the message. */
export async function postMessage(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  input: PostRequestMessage,
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<RequestMessage, 201>> {
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const r = await openRequestFor(tx.db, actor, requestId);
      const author = actor as Author;
      const id = await postInTransaction(ctx, tx, { actor: author, origin, at: now }, r, input);
      const [m] = await viewsOf(tx.db, r.id, [(await repo.findMessage(tx.db, id))!], author, lang);
      return { status: 201 as const, body: m! };
    }),
  );
}

async function viewsOf(db: Db, requestId: string, found: repo.MessageRecord[], viewer: Actor, lang: Lang): Promise<RequestMessage[]> {
  const files = await repo.attachmentsOf(db, found.map((m) => m.id));
  return found.map((m) => ({
    id: m.id,
    side: m.authorType === 'citizen' ? ('applicant' as const) : ('agency' as const),
    authorLabel: actorLabel(
      { streamId: requestId, action: 'posted', actorType: m.authorType, actorId: m.authorId, onBehalfOfId: m.onBehalfOfId, payload: { actedAs: m.authorRole }, createdAt: m.createdAt },
      viewer,
      lang,
    ),
    mine: viewer.type === m.authorType && viewer.id === m.authorId,
    body: m.body,
    at: m.createdAt.toISOString(),
    attachments: files.filter((f) => f.messageId === m.id).map(attachmentView),
  }));
}

const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };
/** The name to show and download a file as: its last path segment without quotes or control characters (NUL among them), trimmed, at most 200 characters; a plain one when none is left. */
export function safeFileName(name: string, mediaType: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).at(-1)!.replace(/["\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return base || `attachment.${EXTENSION[mediaType] ?? 'bin'}`;
}

const attachmentView = (a: repo.AttachmentRecord): RequestAttachment => ({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: Number(a.sizeBytes) });

// Keyset cursors of [createdAt, id] of the last row shown (platform/http/cursor.ts).
const encodeCursor = (m: repo.MessageRecord) => encodeTimeCursor(m.createdAt, m.id);
function decodeCursor(cursor: string | undefined, lang: Lang): repo.MessageKeyset | undefined {
  const k = decodeTimeCursor(cursor, lang);
  return k && { createdAt: k.at, id: k.id };
}

/** The thread, oldest first, for the applicant or desk staff of the agency (also once the request is decided). */
export async function listMessages(ctx: AppContext, actor: Actor, requestId: string, q: { cursor?: string | undefined; limit: number }, lang: Lang) {
  const db = ctx.database.db;
  const r = await reads.findRequest(db, requestId);
  if (!r || !mayView(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  const found = await repo.messages(db, r.id, decodeCursor(q.cursor, lang), q.limit);
  const page = found.slice(0, q.limit);
  return { items: await viewsOf(db, r.id, page, actor, lang), nextCursor: found.length > q.limit ? encodeCursor(page.at(-1)!) : null };
}

/**
 * Uploads a file for the actor's next message on the request: stored in the blob store only if its
 * bytes are a PDF, JPEG or PNG (BLOB_TYPE_NOT_ALLOWED otherwise, whatever the name or declared
 * type) of at most REQUEST_ATTACHMENT_MAX_BYTES (BLOB_TOO_LARGE); then recorded with its reference,
 * event and audit entry in one transaction.
 */
export async function uploadAttachment(
  ctx: AppContext,
  actor: Actor,
  origin: RequestOrigin,
  requestId: string,
  file: { bytes: Buffer; fileName: string },
  claim?: IdempotencyClaim,
): Promise<Replayable<RequestAttachment, 201>> {
  await openRequestFor(ctx.database.db, actor, requestId);
  const author = actor as Author;
  // The blob store writes through its own connection: outside the transaction (an unrecorded upload is collected by blobs.gc).
  const info = await ctx.blobs.put(Readable.from([file.bytes]), { allowedTypes: REQUEST_ATTACHMENT_TYPES, maxBytes: REQUEST_ATTACHMENT_MAX_BYTES });
  const now = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, now, async () => {
      const r = await openRequestFor(tx.db, actor, requestId);
      await ctx.blobs.addRef(tx.db, info.sha256);
      const a = { requestId: r.id, uploadedByType: author.type, uploadedBy: author.id, sha256: info.sha256, mediaType: info.mediaType, sizeBytes: info.size, fileName: safeFileName(file.fileName, info.mediaType), createdAt: now };
      const id = await repo.insertAttachment(tx.db, a);
      await recordChange(tx, { actor: author, origin, at: now }, {
        stream: ATTACHMENT_STREAM,
        id,
        event: 'uploaded',
        audit: 'request_attachment.upload',
        agencyId: r.agencyId,
        details: { requestId: r.id, trackingCode: r.trackingCode, sha256: info.sha256, mediaType: info.mediaType, sizeBytes: info.size },
      });
      return { status: 201 as const, body: attachmentView({ ...a, id, messageId: null }) };
    }),
  );
}

/**
 * An attachment's bytes: for the applicant and desk staff of the agency once it is on a message;
 * before that, only for its uploader. Anyone else is told it does not exist.
 */
export async function openAttachment(ctx: AppContext, actor: Actor, requestId: string, attachmentId: string) {
  const db = ctx.database.db;
  const r = await reads.findRequest(db, requestId);
  if (!r || !mayView(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
  const a = await repo.findAttachment(db, r.id, attachmentId);
  const mine = a && a.uploadedByType === actor.type && 'id' in actor && a.uploadedBy === actor.id;
  if (!a || (a.messageId === null && !mine)) throw new InteractionError('ATTACHMENT_NOT_FOUND', { attachmentId });
  const { stream } = await ctx.blobs.open(a.sha256);
  return { stream, mediaType: a.mediaType, fileName: a.fileName, sizeBytes: Number(a.sizeBytes) };
}
