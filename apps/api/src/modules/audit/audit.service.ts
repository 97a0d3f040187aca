import type { AuditChainStatus, AuditEntry, AuditEntryFilter, AuditEntryPage, AuditVerificationRecord } from '@dargah/contracts';
import { addJalaliDays, fromJalali } from '@dargah/persian';
import type { Actor, RequestOrigin } from '../../platform/actor';
import {
  auditChainHeads,
  findAuditEntry,
  listAuditEntries,
  listCheckpoints,
  sealAudit,
  verifyAudit,
  type AuditEntryQuery,
  type AuditReport,
  type AuditRow,
} from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { isUuid, withTransaction, type Database } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { Lang } from '../../platform/http/i18n';
import { parseDayField } from '../../platform/http/validation';
import { requireStaff } from '../../platform/actor';
import { agencyNames, partyKey, partyNames, staffIdByUsername, type PartyName } from '../organisation';
import { AUDIT_READERS, auditScope, mayWatchChain } from './audit.policy';
import * as repo from './audit.repository';
import { entryView, partyView, type Names } from './audit-view.service';
import { AuditError } from './audit.errors';

/*
 * The audit log for people: browse and filter the chain's entries (newest first, in keyset pages),
 * open one, download the filtered list, and see and refresh the chain's verification. Reads go
 * through platform/audit; the chain's design is not this module's business.
 */

/**
 * Seals the entries committed before a reader asks (ADR 0019), so an acknowledged change is in the
 * log at once. Bounded: when a long transaction holds sealing back, the reader gets what is sealed
 * (verification names entries left waiting too long); a failure to seal never fails the read.
 */
async function sealBeforeReading(ctx: AppContext): Promise<void> {
  try {
    if (!(await sealAudit(ctx.database, { maxWaitMs: 2_000 }))) ctx.log.warn('audit entries committed before this read are not sealed yet');
  } catch (err) {
    ctx.log.error({ err }, 'audit sealing before a read failed');
  }
}

/** The agencies whose entries the actor reads (null: all); 403 for anyone who reads none. */
function readScope(actor: Actor): string[] | null {
  requireStaff(actor);
  const scope = auditScope(actor);
  if (scope === undefined) throw new AuditError('FORBIDDEN', { need: [...AUDIT_READERS, 'agency_admin'] });
  return scope;
}

/** The filter as a query over the chain, within what the actor may read. */
async function queryOf(ctx: AppContext, actor: Actor, f: AuditEntryFilter, lang: Lang): Promise<Omit<AuditEntryQuery, 'limit'>> {
  const agencyIds = readScope(actor);
  const first = f.from ? parseDayField(f.from, 'querystring.from', lang) : undefined;
  const last = f.to ? parseDayField(f.to, 'querystring.to', lang) : undefined;
  const from = first ? fromJalali(first) : undefined;
  const to = last ? fromJalali(addJalaliDays(last, 1)) : undefined;
  if (from && to && to.getTime() <= from.getTime()) throw new AuditError('AUDIT_PERIOD_INVALID', { from: f.from, to: f.to });
  let actorIds: string[] | undefined;
  if (f.actor) {
    // An id of any actor as it is; otherwise a staff username (none found: nothing matches).
    const id = isUuid(f.actor) ? f.actor.toLowerCase() : await staffIdByUsername(ctx, f.actor);
    actorIds = id ? [id] : [];
  }
  const prefix = f.action?.endsWith('.') ? f.action : undefined;
  return {
    agencyIds,
    agencyId: f.agencyId,
    actorIds,
    action: prefix ? undefined : f.action,
    actionPrefix: prefix,
    objectType: f.objectType,
    objectId: f.objectId,
    from,
    to,
  };
}

/** The entries as the screens show them: names beside ids, agencies named, secrets hidden. */
async function views(ctx: AppContext, found: readonly AuditRow[]): Promise<AuditEntry[]> {
  const refs = found.flatMap((r) => [
    { type: r.actor_type, id: r.actor_id },
    ...(r.on_behalf_of_id ? [{ type: r.actor_type === 'citizen' ? 'citizen' : 'staff', id: r.on_behalf_of_id }] : []),
  ]);
  const [parties, agencies] = await Promise.all([partyNames(ctx, refs), agencyNames(ctx, found.map((r) => r.agency_id))]);
  const names: Names = (type, id) => parties.get(partyKey(type, id));
  return found.map((r) => entryView(r, names, agencies));
}

/** GET /audit/entries: a page of the entries the actor may read that match the filter, newest first. */
export async function listEntries(
  ctx: AppContext,
  actor: Actor,
  q: AuditEntryFilter & { cursor?: string | undefined; limit: number },
  lang: Lang,
): Promise<AuditEntryPage> {
  const query = await queryOf(ctx, actor, q, lang);
  await sealBeforeReading(ctx);
  const found = await listAuditEntries(ctx.database.db, { ...query, beforeId: q.cursor ? Number(q.cursor) : undefined, limit: q.limit + 1 });
  const page = found.slice(0, q.limit);
  return { items: await views(ctx, page), nextCursor: found.length > q.limit ? String(page.at(-1)!.id) : null };
}

/** The most entries one download holds (the newest that match). */
export const EXPORT_MAX_ENTRIES = 10_000;

/** Every entry that matches (up to EXPORT_MAX_ENTRIES, newest first), for a download; `truncated` when more matched. */
export async function entriesForExport(ctx: AppContext, actor: Actor, f: AuditEntryFilter, lang: Lang): Promise<{ items: AuditEntry[]; truncated: boolean }> {
  const query = await queryOf(ctx, actor, f, lang);
  await sealBeforeReading(ctx);
  const out: AuditEntry[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const want = Math.min(1000, EXPORT_MAX_ENTRIES - out.length);
    const found = await listAuditEntries(ctx.database.db, { ...query, beforeId, limit: want + 1 });
    const page = found.slice(0, want);
    out.push(...(await views(ctx, page)));
    if (found.length <= want) return { items: out, truncated: false };
    if (out.length >= EXPORT_MAX_ENTRIES) return { items: out, truncated: true };
    beforeId = Number(page.at(-1)!.id);
  }
}

/** GET /audit/entries/:id: one entry the actor may read; any other answers as a missing one. */
export async function getEntry(ctx: AppContext, actor: Actor, id: number): Promise<AuditEntry> {
  const scope = readScope(actor);
  await sealBeforeReading(ctx);
  const row = await findAuditEntry(ctx.database.db, id);
  if (!row || (scope !== null && (row.agency_id === null || !scope.includes(row.agency_id)))) {
    throw new AuditError('AUDIT_ENTRY_NOT_FOUND', { id });
  }
  return (await views(ctx, [row]))[0]!;
}

// The chain's status and its verification ------------------------------------------------------

function requireWatcher(actor: Actor): void {
  requireStaff(actor);
  if (!mayWatchChain(actor)) throw new AuditError('FORBIDDEN', { need: AUDIT_READERS });
}

async function recordView(ctx: AppContext, v: repo.VerificationRow): Promise<AuditVerificationRecord> {
  const parties = v.requestedById ? await partyNames(ctx, [{ type: v.requestedByType, id: v.requestedById }]) : new Map<string, PartyName>();
  return {
    id: v.id,
    startedAt: v.startedAt.toISOString(),
    finishedAt: v.finishedAt.toISOString(),
    ok: v.ok,
    entries: v.entries,
    chains: v.chains,
    checkpoints: v.checkpoints,
    problems: v.problems,
    requestedBy: partyView(v.requestedByType, v.requestedById, (type, id) => parties.get(partyKey(type, id))),
  };
}

/** GET /audit/status: the chains' lengths, the latest signed checkpoint and the latest verification. */
export async function chainStatus(ctx: AppContext, actor: Actor): Promise<AuditChainStatus> {
  requireWatcher(actor);
  await sealBeforeReading(ctx);
  const db = ctx.database.db;
  const [heads, [checkpoint], last] = await Promise.all([auditChainHeads(db), listCheckpoints(ctx.database, { limit: 1 }), repo.latestVerification(db)]);
  const n = checkpoint ? (JSON.parse(checkpoint.body) as { n: number }).n : null;
  return {
    length: heads.reduce((sum, h) => sum + h.seq, 0),
    chains: heads.length,
    latestCheckpoint: checkpoint && n !== null ? { n, createdAt: checkpoint.createdAt } : null,
    lastVerification: last ? await recordView(ctx, last) : null,
  };
}

interface Walk {
  row: repo.VerificationRow;
  result: AuditReport;
}

/** The walk running now, per database: callers that arrive meanwhile share it instead of starting another. */
const running = new WeakMap<Database, Promise<Walk>>();

/**
 * Verifies every chain and checkpoint (from one snapshot, outside any write transaction), then
 * records the outcome with its event and audit entry. One run at a time per process and database.
 */
function walk(ctx: AppContext, actor: Actor, origin: RequestOrigin): Promise<Walk> {
  const current = running.get(ctx.database);
  if (current) return current;
  const started = (async (): Promise<Walk> => {
    const startedAt = ctx.clock.now();
    const result = await verifyAudit(ctx.database, { trustedKeys: [ctx.auditKey], maxSealDelaySeconds: ctx.config.AUDIT_MAX_SEAL_DELAY_SECONDS });
    const finishedAt = ctx.clock.now();
    const first = result.problems[0];
    const outcome = {
      ok: result.ok,
      entries: result.entries,
      chains: result.chains.length,
      checkpoints: result.checkpoints.count,
      problems: result.problems,
      brokenAt: first && 'seq' in first ? (first.seq ?? null) : null,
      reason: first?.reason ?? null,
    };
    const row = await withTransaction(ctx.database, async (tx) => {
      const v = await repo.insertVerification(tx.db, {
        startedAt,
        finishedAt,
        ...outcome,
        requestedByType: actor.type === 'staff' ? 'staff' : 'system',
        requestedById: actor.id,
      });
      await recordChange(tx, { actor, origin, at: finishedAt }, { stream: 'audit_verification', id: v.id, event: 'recorded', audit: 'audit_chain.verify', agencyId: null, details: outcome });
      return v;
    });
    return { row, result };
  })().finally(() => running.delete(ctx.database));
  running.set(ctx.database, started);
  return started;
}

/** POST /audit/verifications: an auditor walks the chain now; the answer is the recorded outcome. */
export async function verifyChain(ctx: AppContext, actor: Actor, origin: RequestOrigin): Promise<AuditVerificationRecord> {
  requireWatcher(actor);
  return recordView(ctx, (await walk(ctx, actor, origin)).row);
}

/** The operations endpoint's run (operations token): the verifier's own report, recorded like any other. */
export async function verifyForOperations(ctx: AppContext, actor: Actor, origin: RequestOrigin): Promise<AuditReport> {
  return (await walk(ctx, actor, origin)).result;
}
