import type { PutRequestDraft, RequestDraft } from '@dargah/contracts';
import type { Actor, CitizenActor, RequestOrigin } from '../../platform/actor';
import { requireCitizen } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { ServicesError, findPublishedService } from '../services';
import * as repo from './uploads.repository';
import { UploadsError } from './uploads.errors';
import { canonicalAnswers, uploadView } from './uploads.service';

/*
 * Server drafts (issue 11 item 2): one per person and service, the form as typed so far and the
 * uploads named for the card's documents, saved by the apply page as the person types and opened on
 * any device. Each save names the row version it replaces (If-Match), so two devices never silently
 * overwrite each other: a stale one is DRAFT_CONFLICT and overwriting is a deliberate second save at
 * the current version. A draft saved on an older version of the service still opens, saying which of
 * its fields the form no longer has. The submission deletes it in its own transaction.
 */

const DRAFT_STREAM = 'request_draft';
const streamId = (citizenId: string, serviceId: string) => `${citizenId}:${serviceId}`;

/** The top-level fields of a form's JSON Schema. */
export const formFields = (schema: Record<string, unknown>): string[] =>
  schema.properties && typeof schema.properties === 'object' ? Object.keys(schema.properties) : [];

/** The uploads a draft or submission may name: the person's own, for this service, not yet used (held against the sweep when saving). */
async function usableUploads(db: Db, citizenId: string, serviceId: string, ids: readonly string[], forShare = false) {
  return (await repo.uploadsByIds(db, ids, forShare)).filter((u) => u.citizenId === citizenId && u.serviceId === serviceId && u.requestId === null);
}

async function viewOf(db: Db, d: repo.DraftRecord, current: { publishedVersion: number | null; formSchema: Record<string, unknown> } | undefined): Promise<RequestDraft> {
  const uploads = new Map((await usableUploads(db, d.citizenId, d.serviceId, d.documents.map((x) => x.uploadId))).map((u) => [u.id, u]));
  const fields = new Set(current ? formFields(current.formSchema) : []);
  const formChanged = current?.publishedVersion !== d.serviceVersion;
  return {
    serviceId: d.serviceId,
    serviceVersion: d.serviceVersion,
    version: d.version,
    form: d.form,
    documents: d.documents.flatMap((x) => {
      const u = uploads.get(x.uploadId);
      return u ? [{ ...uploadView(u), document: x.document }] : [];
    }),
    updatedAt: d.updatedAt.toISOString(),
    formChanged,
    droppedFields: formChanged ? Object.keys(d.form).filter((f) => !fields.has(f)) : [],
  };
}

/** The person's draft of the service's request (DRAFT_NOT_FOUND when none: for a service never drafted as for an unknown one). */
export async function getDraft(ctx: AppContext, actor: Actor, serviceId: string): Promise<RequestDraft> {
  requireCitizen(actor);
  const db = ctx.database.db;
  const d = await repo.findDraft(db, actor.id, serviceId);
  if (!d) throw new UploadsError('DRAFT_NOT_FOUND', { serviceId });
  return viewOf(db, d, await findPublishedService(db, serviceId));
}

/**
 * Saves the draft: without `ifMatch` it must not exist yet; with it, it replaces the draft at that
 * row version. DRAFT_CONFLICT (with the current version) otherwise; UPLOAD_UNUSABLE for an upload
 * that is not the person's unused upload for this service. Its event and audit entry commit with it.
 */
export async function putDraft(ctx: AppContext, actor: Actor, origin: RequestOrigin, serviceId: string, input: PutRequestDraft, ifMatch: number | undefined): Promise<RequestDraft> {
  requireCitizen(actor);
  const service = await findPublishedService(ctx.database.db, serviceId);
  if (!service?.publishedVersion) throw new ServicesError('SERVICE_NOT_FOUND', { serviceId });
  const now = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const documents = canonicalAnswers(input.documents);
    const wanted = [...new Set(documents.map((x) => x.uploadId))];
    const usable = new Set((await usableUploads(tx.db, actor.id, service.id, wanted, true)).map((u) => u.id));
    if (usable.size !== wanted.length || wanted.length !== documents.length)
      throw new UploadsError('UPLOAD_UNUSABLE', { uploadIds: wanted.filter((id) => !usable.has(id)) });
    const d = { citizenId: actor.id, serviceId: service.id, serviceVersion: service.publishedVersion!, form: input.form, documents };
    const saved = ifMatch === undefined ? await repo.insertDraft(tx.db, d, now) : await repo.updateDraft(tx.db, d, ifMatch, now);
    if (!saved) throw new UploadsError('DRAFT_CONFLICT', { serviceId, version: (await repo.findDraft(tx.db, actor.id, service.id))?.version ?? null });
    await recordChange(tx, { actor, origin, at: now }, {
      stream: DRAFT_STREAM,
      id: streamId(actor.id, service.id),
      event: ifMatch === undefined ? 'created' : 'saved',
      audit: ifMatch === undefined ? 'request_draft.create' : 'request_draft.save',
      agencyId: service.agencyId,
      details: { serviceId: service.id, serviceVersion: d.serviceVersion, fields: Object.keys(input.form).length, documents: input.documents.length },
    });
    return viewOf(tx.db, (await repo.findDraft(tx.db, actor.id, service.id))!, service);
  });
}

/** Deletes the person's draft (at row version `ifMatch` when given): DRAFT_NOT_FOUND, or DRAFT_CONFLICT at another version. */
export async function deleteDraft(ctx: AppContext, actor: Actor, origin: RequestOrigin, serviceId: string, ifMatch: number | undefined): Promise<void> {
  requireCitizen(actor);
  const now = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    const d = await repo.findDraft(tx.db, actor.id, serviceId);
    if (!d) throw new UploadsError('DRAFT_NOT_FOUND', { serviceId });
    if (!(await repo.deleteDraft(tx.db, actor.id, serviceId, ifMatch))) throw new UploadsError('DRAFT_CONFLICT', { serviceId, version: d.version });
    await recordDeleted(tx, actor, origin, now, serviceId, 'request_draft.delete');
  });
}

async function recordDeleted(tx: Tx, actor: CitizenActor, origin: RequestOrigin, at: Date, serviceId: string, audit: string) {
  const service = await findPublishedService(tx.db, serviceId);
  await recordChange(tx, { actor, origin, at }, { stream: DRAFT_STREAM, id: streamId(actor.id, serviceId), event: 'deleted', audit, agencyId: service?.agencyId ?? null, details: { serviceId } });
}

/** The submission's part: the person's draft of the service, if any, deleted in the submission's transaction. */
export async function deleteDraftOnSubmit(tx: Tx, actor: CitizenActor, origin: RequestOrigin, at: Date, serviceId: string): Promise<void> {
  if (await repo.deleteDraft(tx.db, actor.id, serviceId)) await recordDeleted(tx, actor, origin, at, serviceId, 'request_draft.submit');
}
