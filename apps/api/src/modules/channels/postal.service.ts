import type { PostalChoice } from '@dargah/contracts';
import { z } from 'zod';
import { systemActor, type Who } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { dispatchByPost } from '../../platform/integrations/postal';
import { enqueue, type JobDefinition } from '../../platform/jobs';
import { citizensByIds } from '../identity';
import { versionDelivery } from '../services';
import { ChannelsError } from './channels.errors';
import * as repo from './channels.repository';

/*
 * Postal delivery of the answer (issue 11 item 9; ADR 0033, ADR 0039). The choice is kept in the
 * submission's transaction (online, at a counter or at the in-person desk). When the answer is
 * issued its transaction only marks the dispatch due: the post is a network call, never made
 * inside a transaction. The channels.postal_dispatch job hands due dispatches to the post, each
 * claimed by one run at a time (a lease), retried with backoff, failed after POSTAL_MAX_ATTEMPTS.
 */

/** The postal dispatches' event stream (one per request). */
export const POSTAL_STREAM = 'postal_dispatch';
const MINUTE_MS = 60_000;
const SWEEP_MS = 10 * MINUTE_MS;
/** How many due dispatches one claim takes (and hands over at once). */
const BATCH = 10;

/**
 * Keeps the applicant's choice of postal delivery, in the submission's transaction: only where the
 * version offers it; to the address given, else the one on the applicant's profile.
 */
export async function choosePostal(tx: Tx, r: { id: string; agencyId: string; serviceId: string; serviceVersion: number; applicantId: string }, postal: PostalChoice, now: Date): Promise<void> {
  const v = await versionDelivery(tx.db, r.serviceId, r.serviceVersion);
  if (!v?.postalDelivery) throw new ChannelsError('POSTAL_NOT_OFFERED', { serviceId: r.serviceId });
  const [profile] = await citizensByIds(tx.db, [r.applicantId]);
  const given = postal.postalCode && postal.address ? { postalCode: postal.postalCode, address: postal.address } : undefined;
  const to = given ?? (profile?.postalCode && profile.address ? { postalCode: profile.postalCode, address: profile.address } : undefined);
  const recipientName = postal.recipientName ?? profile?.name ?? undefined;
  if (!to || !recipientName) throw new ChannelsError('POSTAL_ADDRESS_MISSING', { fields: [...(to ? [] : ['postal.postalCode', 'postal.address']), ...(recipientName ? [] : ['postal.recipientName'])] });
  await repo.insertPostal(tx.db, { requestId: r.id, agencyId: r.agencyId, recipientName, ...to }, now);
}

/** Waits before the attempt after failed attempt n (1-based): 1, 2, 4 … minutes, at most six hours. */
export const postalBackoffMs = (attempt: number): number => Math.min(360 * MINUTE_MS, MINUTE_MS * 2 ** Math.max(0, attempt - 1));

/**
 * The job that hands due dispatches to the post: enqueued for each dispatch's own time (at once when
 * the answer is issued, at each retry's time after a failure), and every ten minutes as a sweep
 * (a dispatch whose worker died holding its lease).
 */
export const postalDispatchJob = (ctx: AppContext): JobDefinition<z.ZodObject<Record<string, never>>> => ({
  kind: 'channels.postal_dispatch',
  payload: z.object({}),
  async handle(_payload, jc) {
    const run = await runPostalDispatches(ctx);
    if (run.dispatched + run.retrying + run.failed > 0) jc.log.info(run, 'postal dispatches handed to the post');
  },
});

export function defineChannelsJobs(ctx: AppContext): void {
  ctx.jobs.every(postalDispatchJob(ctx), SWEEP_MS, {});
}

/** Asks for a run of the postal job at `runAt` (once per key), after the caller's transaction commits. */
export async function postalRunAt(ctx: AppContext, tx: Tx, key: string, now: Date, runAt: Date): Promise<void> {
  await enqueue(tx, postalDispatchJob(ctx), {}, now, { runAt, dedupeKey: `channels.postal_dispatch:${key}` });
  tx.afterCommit(() => ctx.runner?.nudge());
}

/**
 * In the answer's transaction (requests module, onAnswerIssued): a dispatch awaiting the answer
 * notes its document. It stays awaiting: the post gets the answer once it is signed (markAnswerDue).
 */
export async function noteAnswerIssued(_ctx: AppContext, tx: Tx, _w: Who, a: { requestId: string; documentId: string }): Promise<void> {
  await repo.noteAnswerDocument(tx.db, a.requestId, a.documentId);
}

/**
 * In a signature's transaction (documents module, onDocumentSigned): the dispatch whose answer this
 * document is becomes due now (the first signature; later ones find it due already), with its event
 * and audit entry; the job is asked to run at once (after the commit). Nothing is sent from here.
 */
export async function markAnswerDue(ctx: AppContext, tx: Tx, w: Who, doc: { documentId: string }): Promise<void> {
  const due = await repo.markDueByDocument(tx.db, doc.documentId, w.at);
  if (!due) return;
  await recordChange(tx, w, { stream: POSTAL_STREAM, id: due.requestId, event: 'due', audit: 'postal_dispatch.due', agencyId: due.agencyId, details: { documentId: doc.documentId } });
  await postalRunAt(ctx, tx, due.requestId, w.at, w.at);
}

/**
 * One run of the outbox: claims the due dispatches whose next attempt has come (each by one run:
 * FOR UPDATE SKIP LOCKED, then a lease past the post's timeout), hands each to the post outside
 * any transaction with the request's id as its reference, and records the outcome in a
 * transaction of its own: dispatched with its tracking number (event, audit), or the attempt's
 * error and the next attempt after a backoff, or failed after POSTAL_MAX_ATTEMPTS (event, audit).
 * An outcome is recorded only by the holder of the attempt (attempts unchanged since its claim).
 */
export async function runPostalDispatches(ctx: AppContext): Promise<{ dispatched: number; retrying: number; failed: number }> {
  const run = { dispatched: 0, retrying: 0, failed: 0 };
  const lease = ctx.config.POSTAL_TIMEOUT_MS + MINUTE_MS;
  for (;;) {
    const now = ctx.clock.now();
    const claimed = await withTransaction(ctx.database, (tx) => repo.claimDue(tx.db, BATCH, now, new Date(now.getTime() + lease)));
    for (const outcome of await Promise.all(claimed.map((d) => handOver(ctx, d)))) if (outcome) run[outcome]++;
    if (claimed.length < BATCH) return run;
  }
}

/**
 * Our reference for the item, by which the post knows it: the request's id, and after a corrected
 * address the id with the address's revision (a new item: the post must not answer it with the
 * number of an item to the old address that it took after all).
 */
export const postalReference = (d: Pick<repo.PostalRow, 'requestId' | 'addressRevision'>): string => (d.addressRevision === 0 ? d.requestId : `${d.requestId}/${d.addressRevision}`);

async function handOver(ctx: AppContext, d: repo.PostalRow): Promise<keyof Awaited<ReturnType<typeof runPostalDispatches>> | null> {
  const item = { reference: postalReference(d), recipientName: d.recipientName, postalCode: d.postalCode, address: d.address };
  let result: { trackingNumber: string } | { error: string };
  try {
    result = await dispatchByPost(ctx.postal, item, ctx.config.POSTAL_TIMEOUT_MS);
  } catch (err) {
    result = { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  const now = ctx.clock.now();
  const w = { actor: systemActor, origin: {}, at: now };
  return withTransaction(ctx.database, async (tx) => {
    if ('trackingNumber' in result) {
      if (!(await repo.markDispatched(tx.db, d.requestId, d.attempts, result.trackingNumber, now))) return null;
      await recordChange(tx, w, {
        stream: POSTAL_STREAM,
        id: d.requestId,
        event: 'dispatched',
        audit: 'postal_dispatch.dispatch',
        agencyId: d.agencyId,
        details: { documentId: d.documentId, postalTracking: result.trackingNumber, attempt: d.attempts },
      });
      return 'dispatched';
    }
    // Counted in the round: a staff retry starts a fresh one (the attempt number goes on counting).
    const inRound = d.attempts - d.attemptsBeforeRetry;
    const last = inRound >= ctx.config.POSTAL_MAX_ATTEMPTS;
    const retryAt = last ? null : new Date(now.getTime() + postalBackoffMs(inRound));
    if (!(await repo.markAttemptFailed(tx.db, d.requestId, d.attempts, result.error, retryAt, now))) return null;
    ctx.log.warn({ requestId: d.requestId, attempt: d.attempts, error: result.error, retryAt }, 'the post did not take the answer');
    if (retryAt) await postalRunAt(ctx, tx, `${d.requestId}:${d.attempts}`, now, retryAt);
    await recordChange(tx, w, {
      stream: POSTAL_STREAM,
      id: d.requestId,
      event: last ? 'failed' : 'attempt_failed',
      audit: last ? 'postal_dispatch.fail' : 'postal_dispatch.attempt_fail',
      agencyId: d.agencyId,
      details: { attempt: d.attempts, error: result.error.slice(0, 500), nextAttemptAt: retryAt?.toISOString() ?? null },
    });
    return last ? 'failed' : 'retrying';
  });
}
