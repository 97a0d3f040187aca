import { createHash, sign, verify } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../clock';
import { isoOf, rows, withTransaction, type Database } from '../db';
import type { JobDefinition } from '../jobs';
import { canonicalJson, GENESIS_HASH } from './chain';
import { publicKeyPem, type AuditKey } from './keys';
import { sealAudit } from './seal';

/** One chain's head as a checkpoint records it. */
export interface ChainHead {
  chain: string;
  seq: number;
  hash: string;
}

/** What a checkpoint signs: every chain's head at one moment, linked to the checkpoint before. */
export interface CheckpointBody {
  /** 1, 2, 3 … without gaps. */
  n: number;
  createdAt: string;
  /** SHA-256 of the previous checkpoint's body and signature (`body.signature`), or 64 zeros. */
  previous: string;
  chains: ChainHead[];
}

/** A signed checkpoint as stored and exported: the exact signed text, the key id and the signature. */
export interface SignedCheckpoint {
  body: string;
  keyId: string;
  /** Ed25519 over the UTF-8 body, base64url. */
  signature: string;
}

export const SignedCheckpointSchema = z.object({
  body: z.string().min(2),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().regex(/^[A-Za-z0-9_-]+$/),
});

const ChainHeadSchema = z.object({ chain: z.string().min(1), seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) });
const CheckpointBodySchema = z.object({
  n: z.number().int().min(1),
  createdAt: z.string(),
  previous: z.string().regex(/^[0-9a-f]{64}$/),
  chains: z.array(ChainHeadSchema),
});

export function parseCheckpointBody(body: string): CheckpointBody | undefined {
  try {
    const parsed = CheckpointBodySchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The link the next checkpoint carries in `previous`. */
export function checkpointDigest(c: SignedCheckpoint): string {
  return createHash('sha256').update(`${c.body}.${c.signature}`, 'utf8').digest('hex');
}

export function signatureValid(c: SignedCheckpoint, key: AuditKey): boolean {
  if (c.keyId !== key.keyId) return false;
  try {
    return verify(null, Buffer.from(c.body, 'utf8'), key.publicKey, Buffer.from(c.signature, 'base64url'));
  } catch {
    return false;
  }
}

interface CheckpointRow extends Record<string, unknown> {
  id: string | number;
  created_at: Date | string;
  body: string;
  key_id: string;
  signature: string;
}

const toSigned = (r: CheckpointRow): SignedCheckpoint & { id: number; createdAt: string } => ({
  id: Number(r.id),
  createdAt: isoOf(r.created_at),
  body: r.body,
  keyId: r.key_id,
  signature: r.signature,
});

/**
 * Signs a checkpoint over every chain's current head (after sealing what was committed before), unless nothing was appended since the last
 * one. The heads are read by one statement, so they are one consistent moment of the log.
 */
export async function createCheckpoint(database: Database, key: AuditKey, clock: Clock): Promise<(SignedCheckpoint & { id: number }) | undefined> {
  const privateKey = key.privateKey;
  if (!privateKey) throw new Error('this audit key cannot sign');
  // Entries committed before now are sealed first, so the checkpoint covers them.
  await sealAudit(database);
  return withTransaction(database, async (tx) => {
    // One checkpoint writer at a time, however many job runners there are.
    await rows(tx.db, sql`SELECT pg_advisory_xact_lock(hashtext('dargah.audit.checkpoint'))`);
    const [last] = await rows<CheckpointRow>(tx.db, sql`SELECT id, created_at, body, key_id, signature FROM audit_checkpoints ORDER BY id DESC LIMIT 1`);
    const heads = await rows<{ chain_id: string; seq: string | number; hash: string }>(tx.db, sql`SELECT chain_id, seq, hash FROM audit_chains ORDER BY chain_id`);
    const chains = heads.map((h) => ({ chain: h.chain_id, seq: Number(h.seq), hash: h.hash }));
    const previousBody = last ? parseCheckpointBody(last.body) : undefined;
    if (last && previousBody && canonicalJson(previousBody.chains) === canonicalJson(chains)) return undefined;
    if (chains.length === 0) return undefined;
    const body: CheckpointBody = {
      n: (previousBody?.n ?? 0) + 1,
      createdAt: clock.now().toISOString(),
      previous: last ? checkpointDigest(toSigned(last)) : GENESIS_HASH,
      chains,
    };
    const text = canonicalJson(body);
    const signature = sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url');
    const [row] = await rows<{ id: string | number }>(tx.db, sql`
      INSERT INTO audit_checkpoints (created_at, body, key_id, signature)
      VALUES (${body.createdAt}::timestamptz, ${text}, ${key.keyId}, ${signature}) RETURNING id`);
    return { id: Number(row!.id), body: text, keyId: key.keyId, signature };
  });
}

/** Checkpoints newest first, `before` an id for the next page. */
export async function listCheckpoints(database: Database, opts: { limit: number; before?: number | undefined }) {
  const found = await rows<CheckpointRow>(database.db, sql`
    SELECT id, created_at, body, key_id, signature FROM audit_checkpoints
     WHERE ${opts.before ?? null}::bigint IS NULL OR id < ${opts.before ?? null}::bigint
     ORDER BY id DESC LIMIT ${opts.limit}`);
  return found.map(toSigned);
}

/** The public key in the form the checkpoint export publishes it. */
export function exportedKey(key: AuditKey) {
  return { keyId: key.keyId, algorithm: 'Ed25519' as const, publicKeyPem: publicKeyPem(key) };
}

export const AUDIT_CHECKPOINT_KIND = 'audit.checkpoint';

/** The recurring job that signs a checkpoint (idempotent: nothing new, nothing signed). */
export function createAuditCheckpointJob(key: AuditKey): JobDefinition<z.ZodObject> {
  return {
    kind: AUDIT_CHECKPOINT_KIND,
    payload: z.object({}),
    maxAttempts: 3,
    async handle(_payload, { database, clock, log }) {
      const made = await createCheckpoint(database, key, clock);
      if (made) log.info({ checkpoint: made.id }, 'audit checkpoint signed');
    },
  };
}
