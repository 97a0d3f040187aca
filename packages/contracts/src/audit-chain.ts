import { z } from 'zod';

/** What the audit verifier reports (`npm run audit:verify`, GET /api/v1/operations/audit/verify). */
export const AuditProblem = z.object({
  reason: z.string(),
  message: z.string(),
  chain: z.string().optional(),
  seq: z.number().int().optional(),
  checkpoint: z.number().int().optional(),
});
export const AuditReport = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  chains: z.array(z.object({ chain: z.string(), entries: z.number().int(), headHash: z.string() })),
  checkpoints: z.object({ count: z.number().int(), latest: z.number().int().nullable() }),
  /** Entries written and not yet sealed into their chains, and how long the oldest has waited (ADR 0019). */
  pending: z.object({ entries: z.number().int().min(0), oldestSeconds: z.number().min(0) }),
  problems: z.array(AuditProblem),
});
export type AuditReport = z.infer<typeof AuditReport>;

/** One signed audit checkpoint as exported: the exact signed text, the key id and the signature. */
export const AuditCheckpoint = z.object({
  id: z.number().int(),
  createdAt: z.iso.datetime(),
  body: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
export const AuditSigningKey = z.object({ keyId: z.string(), algorithm: z.literal('Ed25519'), publicKeyPem: z.string() });
export const AuditCheckpointPage = z.object({
  key: AuditSigningKey,
  items: z.array(AuditCheckpoint),
  nextBefore: z.number().int().nullable(),
});
/** GET /api/v1/audit/checkpoints/latest: a self-contained copy an outsider keeps (`audit:verify --against`). */
export const AuditCheckpointFile = AuditCheckpoint.extend({ publicKeyPem: z.string() });
