import type { Database, SnapshotQuery } from '../db';
import { rowToContent, type AuditRow } from './audit';
import { chainHash, chainOf, GENESIS_HASH, LEGACY_CHAIN } from './chain';
import { checkpointDigest, parseCheckpointBody, signatureValid, type CheckpointBody, type SignedCheckpoint } from './checkpoints';
import type { AuditKey } from './keys';
import { BACKLOG_SQL, sealAudit, type AuditBacklog } from './seal';

/** Why a chain is broken, at its first broken entry. */
export type ChainProblemReason =
  | 'HASH_MISMATCH' // the entry's content no longer hashes to its stored hash: it was altered
  | 'PREV_HASH_MISMATCH' // the entry does not link to the one before: altered, reordered or replaced
  | 'SEQUENCE_GAP' // an entry is missing
  | 'WRONG_CHAIN' // the entry's agency belongs to another chain: it was moved
  | 'HEAD_MISMATCH'; // the head does not match the last entry: the tail was removed, or the head moved

/** Why a checkpoint does not hold. */
export type CheckpointProblemReason =
  | 'SIGNATURE_INVALID' // not signed by a trusted key, or the body was changed
  | 'CHECKPOINT_LINK_BROKEN' // not the successor of the checkpoint before it (one was removed or inserted)
  | 'CHAIN_REWRITTEN' // the entry the checkpoint names has another hash now: entries up to it were rewritten
  | 'CHAIN_TRUNCATED' // the chain is shorter than the checkpoint says: entries were removed
  | 'CHECKPOINT_REPLACED'; // the database holds a different checkpoint under the outsider's checkpoint number

/** Entries wait in the intake longer than the promised delay: the sealer stalled, or a long transaction holds it back. */
export interface SealProblem {
  reason: 'SEAL_OVERDUE';
  message: string;
}

export interface ChainProblem {
  chain: string;
  seq: number;
  reason: ChainProblemReason;
  message: string;
}
export interface CheckpointProblem {
  checkpoint: number;
  chain?: string;
  seq?: number;
  reason: CheckpointProblemReason;
  message: string;
}

export interface AuditReport {
  ok: boolean;
  /** Entries in all chains. */
  entries: number;
  chains: Array<{ chain: string; entries: number; headHash: string }>;
  /** Checkpoints found in the database and verified (plus the outsider's, when given). */
  checkpoints: { count: number; latest: number | null };
  /** Entries written and not yet sealed into their chains (at the snapshot), and the oldest one's wait. */
  pending: AuditBacklog;
  /** The first broken link of each broken chain, then every checkpoint that does not hold, then a sealing overdue. */
  problems: Array<ChainProblem | CheckpointProblem | SealProblem>;
}

export interface VerifyOptions {
  /** Keys whose checkpoints are trusted (the platform key; older keys after a rotation). */
  trustedKeys: AuditKey[];
  /** An outsider's copy of a checkpoint and the key they trust for it. */
  against?: { checkpoint: SignedCheckpoint; key: AuditKey };
  pageSize?: number;
  /** The longest an entry may wait to be sealed before the verifier says so (SEAL_OVERDUE); default 60 s. */
  maxSealDelaySeconds?: number;
  /** How long to wait for entries committed before the verification to be sealed first; default 10 s. */
  sealWaitMs?: number;
}

interface ChainState {
  expectSeq: number;
  prev: string;
  broken: boolean;
}

/**
 * Verifies every chain and every checkpoint from one snapshot of the database, so writers running
 * at the same time can neither hide a fault nor cause a false alarm. Names the first broken entry
 * of each chain and every checkpoint that does not hold.
 */
export async function verifyAudit(database: Database, opts: VerifyOptions): Promise<AuditReport> {
  // Seal what was committed before the verification, so it is verified too; whatever could not be
  // sealed in time is reported as pending (and overdue past the promised delay).
  // A sealer that fails does not stop the verification: its backlog is reported instead.
  await sealAudit(database, { maxWaitMs: opts.sealWaitMs ?? 10_000 }).catch(() => false);
  return database.readSnapshot((q) => verifyInSnapshot(q, opts));
}

async function verifyInSnapshot(q: SnapshotQuery, opts: VerifyOptions): Promise<AuditReport> {
  const pageSize = opts.pageSize ?? 2000;
  const problems: Array<ChainProblem | CheckpointProblem | SealProblem> = [];
  const stored = (await q<{ id: string | number; body: string; key_id: string; signature: string }>(
    'SELECT id, body, key_id, signature FROM audit_checkpoints ORDER BY id',
  )).map((r) => ({ id: Number(r.id), body: r.body, keyId: r.key_id, signature: r.signature }));

  // The entries every checkpoint names, to compare once the chains are read.
  const wanted = new Map<string, string | null>();
  const want = (chain: string, seq: number) => wanted.set(`${chain}\u0000${seq}`, null);
  const parsed = stored.map((c) => ({ c, body: parseCheckpointBody(c.body) }));
  const outsider = opts.against ? { c: opts.against.checkpoint, body: parseCheckpointBody(opts.against.checkpoint.body) } : undefined;
  for (const { body } of [...parsed, ...(outsider ? [outsider] : [])]) for (const h of body?.chains ?? []) want(h.chain, h.seq);

  // Walk every chain in (chain, seq) order, page by page within the snapshot.
  const heads = new Map(
    (await q<{ chain_id: string; seq: string | number; hash: string }>('SELECT chain_id, seq, hash FROM audit_chains')).map((h) => [
      h.chain_id,
      { seq: Number(h.seq), hash: h.hash },
    ]),
  );
  const states = new Map<string, ChainState>();
  let total = 0;
  let after: [string, number] = ['', 0];
  for (;;) {
    const page = await q<AuditRow & Record<string, unknown>>(
      'SELECT * FROM audit_entries WHERE (chain_id, seq) > ($1, $2) ORDER BY chain_id, seq LIMIT $3',
      [after[0], after[1], pageSize],
    );
    for (const r of page) {
      total++;
      const chain = r.chain_id;
      const seq = Number(r.seq);
      after = [chain, seq];
      const key = `${chain}\u0000${seq}`;
      if (wanted.has(key)) wanted.set(key, r.hash);
      let s = states.get(chain);
      if (!s) states.set(chain, (s = { expectSeq: 1, prev: GENESIS_HASH, broken: false }));
      if (s.broken) continue;
      const fail = (at: number, reason: ChainProblemReason, message: string) => {
        problems.push({ chain, seq: at, reason, message });
        s.broken = true;
      };
      const content = rowToContent(r);
      if (seq !== s.expectSeq) fail(s.expectSeq, 'SEQUENCE_GAP', `chain ${chain}: entry ${s.expectSeq} is missing`);
      else if (chain !== LEGACY_CHAIN && chainOf(content) !== chain) fail(seq, 'WRONG_CHAIN', `chain ${chain}: entry ${seq} belongs to chain ${chainOf(content)}`);
      else if (r.prev_hash !== s.prev) fail(seq, 'PREV_HASH_MISMATCH', `chain ${chain}: entry ${seq} does not link to entry ${seq - 1}`);
      else if (chainHash(s.prev, content) !== r.hash) fail(seq, 'HASH_MISMATCH', `chain ${chain}: entry ${seq} was altered after it was written`);
      s.prev = r.hash;
      s.expectSeq = seq + 1;
    }
    if (page.length < pageSize) break;
  }

  const chains: AuditReport['chains'] = [];
  for (const chain of [...new Set([...states.keys(), ...heads.keys()])].sort()) {
    const s = states.get(chain) ?? { expectSeq: 1, prev: GENESIS_HASH, broken: false };
    const count = s.expectSeq - 1;
    chains.push({ chain, entries: count, headHash: s.prev });
    if (s.broken) continue;
    const head = heads.get(chain);
    if (!head || head.seq !== count || head.hash !== s.prev) {
      problems.push({
        chain,
        seq: count + 1,
        reason: 'HEAD_MISMATCH',
        message: head
          ? `chain ${chain}: the head (entry ${head.seq}) does not match the last entry ${count}: entries were removed`
          : `chain ${chain}: entries exist but the chain has no head: it was removed`,
      });
    }
  }

  // Checkpoints: signed by a trusted key, each the successor of the one before, and each head
  // still the entry the chain holds at that position.
  let previous: { digest: string; n: number } | null | undefined = null; // null: none yet; undefined: unreadable
  for (const { c, body } of parsed) {
    const key = opts.trustedKeys.find((k) => k.keyId === c.keyId);
    if (!body || !key || !signatureValid(c, key)) {
      problems.push({ checkpoint: body?.n ?? c.id, reason: 'SIGNATURE_INVALID', message: `checkpoint ${body?.n ?? c.id} is not signed by a trusted key` });
    } else {
      const expect = previous ? { n: previous.n + 1, prev: previous.digest } : { n: 1, prev: GENESIS_HASH };
      if (previous !== undefined && (body.n !== expect.n || body.previous !== expect.prev)) {
        problems.push({ checkpoint: body.n, reason: 'CHECKPOINT_LINK_BROKEN', message: `checkpoint ${body.n} does not follow checkpoint ${expect.n - 1}: checkpoints were removed, replaced or inserted` });
      }
      problems.push(...compareHeads(body, wanted, `checkpoint ${body.n}`));
    }
    previous = body ? { digest: checkpointDigest(c), n: body.n } : undefined;
  }
  if (outsider) {
    const { c, body } = outsider;
    if (!body || !opts.against || !signatureValid(c, opts.against.key)) {
      problems.push({ checkpoint: body?.n ?? 0, reason: 'SIGNATURE_INVALID', message: 'the given checkpoint is not signed by the given key' });
    } else {
      const mine = parsed.find((p) => p.body?.n === body.n);
      if (mine && mine.c.body !== c.body) {
        problems.push({ checkpoint: body.n, reason: 'CHECKPOINT_REPLACED', message: `the database holds a different checkpoint ${body.n} than the given copy` });
      }
      problems.push(...compareHeads(body, wanted, `the given checkpoint ${body.n}`));
    }
  }

  const [backlog] = await q<{ entries: number; oldestSeconds: number }>(BACKLOG_SQL);
  const pending = { entries: Number(backlog?.entries ?? 0), oldestSeconds: Number(backlog?.oldestSeconds ?? 0) };
  const maxDelay = opts.maxSealDelaySeconds ?? 60;
  if (pending.entries > 0 && pending.oldestSeconds > maxDelay) {
    problems.push({
      reason: 'SEAL_OVERDUE',
      message: `${pending.entries} entries wait to be sealed, the oldest for ${Math.round(pending.oldestSeconds)} s (more than ${maxDelay} s): the sealer has stopped, or a long transaction holds it back`,
    });
  }
  const latest = parsed.at(-1)?.body?.n ?? null;
  return { ok: problems.length === 0, entries: total, chains, checkpoints: { count: stored.length, latest }, pending, problems };
}

function compareHeads(body: CheckpointBody, wanted: Map<string, string | null>, label: string): CheckpointProblem[] {
  const out: CheckpointProblem[] = [];
  for (const h of body.chains) {
    const found = wanted.get(`${h.chain}\u0000${h.seq}`);
    if (found === null || found === undefined) {
      out.push({ checkpoint: body.n, chain: h.chain, seq: h.seq, reason: 'CHAIN_TRUNCATED', message: `${label}: chain ${h.chain} no longer has entry ${h.seq}: entries were removed` });
    } else if (found !== h.hash) {
      out.push({ checkpoint: body.n, chain: h.chain, seq: h.seq, reason: 'CHAIN_REWRITTEN', message: `${label}: chain ${h.chain} entry ${h.seq} has another hash than when it was signed: entries up to ${h.seq} were rewritten` });
    }
  }
  return out;
}
