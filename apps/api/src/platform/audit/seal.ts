import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { list, rows, withTransaction, type Database } from '../db';
import { chainHashOfJson, GENESIS_HASH } from './chain';

/*
 * The sealer (ADR 0019): writers only put entries in audit_intake; this hashes committed entries
 * into their chains, in (xid, id) order, once no transaction that could still come before them is
 * running. One sealer at a time across every process (a transaction-scoped advisory lock); a
 * round that fails rolls back whole, leaving the intake as it was for the next.
 */

/** Entries sealed by one round at most (one transaction, one insert). */
export const SEAL_BATCH = 5_000;

export interface SealRound {
  /** Entries sealed by this round. */
  sealed: number;
  /** The batch was full: more may be sealable at once. */
  full: boolean;
  /** Another sealer held the lock: this round did nothing. */
  busy: boolean;
  /** The round's horizon (its snapshot's xmin): unless full, every committed entry below it is sealed. */
  horizon?: bigint;
}

/**
 * Where this process's last round stopped, per database: (xid, id) of the last entry it sealed.
 * Every entry that can still appear sorts after it (see sealRound), so the next round scans the
 * intake's order index from there, never over the (dead) rows already moved. A round of another
 * process only moves the true position further: this one stays a valid lower bound.
 */
const sealedUpTo = new WeakMap<Database, { xid: string; id: string }>();

interface IntakeRow extends Record<string, unknown> {
  id: string;
  chain_id: string;
  content: string;
  xid: string;
  horizon: string;
}

/**
 * One round: seals, in (xid, id) order, up to `batch` intake entries whose transaction has ended.
 *
 * Why the order is final: the statement's snapshot has xmin, the oldest transaction still running
 * when it was taken. Every transaction with a smaller xid has ended, so it can write nothing more,
 * and its committed rows are visible to the snapshot; every transaction that writes later has an
 * xid of at least xmin (xids are handed out in increasing order, running ones are all ≥ xmin).
 * So every entry sealed now sorts before every entry that can still appear, and rounds seal the
 * log in one increasing (xid, id) order. Rows of transactions still running, or of later ones
 * that already committed, wait for a round whose xmin has passed them.
 */
export async function sealRound(database: Database, batch = SEAL_BATCH): Promise<SealRound> {
  return withTransaction(database, async (tx) => {
    // The lock first, the rows in the next statement: under READ COMMITTED that statement's
    // snapshot is taken after the lock, so it sees every round that committed before this one.
    const [lock] = await rows<{ locked: boolean }>(tx.db, sql`SELECT pg_try_advisory_xact_lock(hashtext('dargah.audit.seal')) AS locked`);
    if (!lock?.locked) return { sealed: 0, full: false, busy: true };
    const from = sealedUpTo.get(database) ?? { xid: '0', id: '0' };
    // The horizon and the rows from one statement (one snapshot), even when no row is sealable.
    const found = await rows<IntakeRow>(tx.db, sql`
      WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
      SELECT h.xmin::text AS horizon, i.id::text AS id, i.chain_id, i.content, i.xid::text AS xid
        FROM h LEFT JOIN LATERAL (
          SELECT id, chain_id, content, xid FROM audit_intake
           WHERE xid < h.xmin AND (xid, id) > (${from.xid}::xid8, ${from.id}::bigint)
           ORDER BY xid, id
           LIMIT ${batch}
        ) i ON true`);
    const horizon = BigInt(found[0]!.horizon);
    const picked = found.filter((r) => r.id !== null);
    if (picked.length === 0) return { sealed: 0, full: false, busy: false, horizon };

    const chains = [...new Set(picked.map((r) => r.chain_id))];
    const heads = new Map(
      (await rows<{ chain_id: string; seq: string | number; hash: string }>(tx.db, sql`SELECT chain_id, seq, hash FROM audit_chains WHERE chain_id = ANY(${list(chains)}::text[])`)).map(
        (h) => [h.chain_id, { seq: Number(h.seq), prevHash: '', hash: h.hash }],
      ),
    );
    // Each entry's place and hash: the content is the canonical JSON that was written, hashed as
    // it is (the verifier recomputes it from the sealed columns, and checks the chain too).
    const sealed = { id: [] as string[], seq: [] as string[], prev: [] as string[], hash: [] as string[] };
    for (const r of picked) {
      const head = heads.get(r.chain_id) ?? { seq: 0, prevHash: GENESIS_HASH, hash: GENESIS_HASH };
      const next = { seq: head.seq + 1, prevHash: head.hash, hash: chainHashOfJson(head.hash, r.content) };
      heads.set(r.chain_id, next);
      sealed.id.push(r.id);
      sealed.seq.push(String(next.seq));
      sealed.prev.push(next.prevHash);
      sealed.hash.push(next.hash);
    }
    const newHeads = chains.map((chain) => ({ chain, ...heads.get(chain)! }));
    // Intake rows out, entries in (their columns read from the content), heads advanced: one statement.
    const [done] = await rows<{ deleted: string | number; inserted: string | number }>(tx.db, sql`
      WITH s AS (
        SELECT * FROM unnest(${list(sealed.id)}::bigint[], ${list(sealed.seq)}::bigint[], ${list(sealed.prev)}::text[], ${list(sealed.hash)}::text[])
          AS s(id, seq, prev_hash, hash)
      ), gone AS (
        DELETE FROM audit_intake i USING s WHERE i.id = s.id
        RETURNING i.id, i.chain_id, i.content::jsonb AS c, s.seq, s.prev_hash, s.hash
      ), sealed AS (
        INSERT INTO audit_entries (id, chain_id, seq, occurred_at, actor_type, actor_id, on_behalf_of_id, action,
          object_type, object_id, agency_id, request_id, ip, user_agent, details, prev_hash, hash)
        SELECT id, chain_id, seq, (c->>'occurredAt')::timestamptz, c->>'actorType', c->>'actorId', c->>'onBehalfOfId', c->>'action',
          c->>'objectType', c->>'objectId', c->>'agencyId', c->>'requestId', c->>'ip', c->>'userAgent', c->'details', prev_hash, hash
          FROM gone
        RETURNING 1
      ), heads AS (
        INSERT INTO audit_chains AS ch (chain_id, seq, prev_hash, hash)
        SELECT * FROM unnest(${list(newHeads.map((h) => h.chain))}::text[], ${list(newHeads.map((h) => String(h.seq)))}::bigint[],
          ${list(newHeads.map((h) => h.prevHash))}::text[], ${list(newHeads.map((h) => h.hash))}::text[])
        ON CONFLICT (chain_id) DO UPDATE SET seq = excluded.seq, prev_hash = excluded.prev_hash, hash = excluded.hash
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM gone) AS deleted, (SELECT count(*) FROM sealed) AS inserted`);
    // Only this sealer deletes intake rows, under the lock: anything else means another sealer
    // ran without it. Roll back rather than seal an entry twice.
    if (Number(done?.deleted) !== picked.length || Number(done?.inserted) !== picked.length) {
      throw new Error(`audit sealer: ${picked.length} entries picked, ${String(done?.deleted)} removed from the intake: another sealer ran without the lock`);
    }
    const last = picked.at(-1)!;
    tx.afterCommit(() => sealedUpTo.set(database, { xid: last.xid, id: last.id }));
    return { sealed: picked.length, full: picked.length === batch, busy: false, horizon };
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Seals every entry committed before this call (a checkpoint about to be signed, a verification, a
 * reader of the log): seals rounds until none of them waits, or `maxWaitMs` passed (a transaction
 * that started before them is still running, or another process's sealer is stalled). Entries of
 * transactions still running at the call are not waited for. True when everything was sealed.
 */
export async function sealAudit(database: Database, opts: { maxWaitMs?: number } = {}): Promise<boolean> {
  const deadline = Date.now() + (opts.maxWaitMs ?? 10_000);
  // Every transaction that committed before now has an xid below the current snapshot's xmax.
  const [mark] = await database.query<{ xmax: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
  const target = BigInt(mark!.xmax);
  for (;;) {
    const round = await sealRound(database);
    if (round.full) continue;
    // This round saw every committed entry below its horizon, so all of those before the mark.
    if (round.horizon !== undefined && round.horizon >= target) return true;
    // Visible rows are committed ones: those below the mark committed before this call.
    const [left] = await database.query<{ waiting: boolean }>('SELECT EXISTS (SELECT 1 FROM audit_intake WHERE xid < $1::xid8) AS waiting', [mark!.xmax]);
    if (!left?.waiting) return true;
    if (Date.now() >= deadline) return false;
    await sleep(round.busy ? 5 : 20);
  }
}

/** The intake's backlog: entries waiting to be sealed, and how long the oldest has waited. */
export interface AuditBacklog {
  entries: number;
  /** Seconds since the oldest waiting entry's transaction started (0 when none wait). */
  oldestSeconds: number;
}

export const BACKLOG_SQL = `SELECT count(*)::int AS entries, coalesce(extract(epoch FROM now() - min(written_at)), 0)::float8 AS "oldestSeconds" FROM audit_intake`;

export async function auditBacklog(database: Database): Promise<AuditBacklog> {
  const [b] = await database.query<{ entries: number; oldestSeconds: number }>(BACKLOG_SQL);
  return { entries: Number(b?.entries ?? 0), oldestSeconds: Number(b?.oldestSeconds ?? 0) };
}

/**
 * Seals continuously in this process: a round every `intervalMs`, at once again while batches
 * come full. Every app process runs one; only one seals at a time (the others find the lock
 * taken). A failed round is logged and retried at the next tick (the intake is intact).
 */
export class AuditSealer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly database: Database,
    private readonly log: Pick<Logger, 'error'>,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.intervalMs);
  }

  private async tick(): Promise<void> {
    try {
      while (!this.stopped && (await sealRound(this.database)).full);
    } catch (err) {
      this.log.error({ err }, 'audit sealing failed: the entries stay in the intake for the next round');
    }
  }

  /** Stops after the round in flight (which commits or rolls back whole). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
