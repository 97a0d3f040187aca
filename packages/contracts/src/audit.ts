import { z } from 'zod';

/*
 * The audit log as auditors read it (issue 8 §2): GET /audit/entries (filtered, newest first, in
 * pages), GET /audit/entries/:id, GET /audit/status (the hash chains, the latest signed checkpoint
 * and the last verification) and POST /audit/verifications (verify every chain and checkpoint now).
 */

/** Filters of GET /audit/entries (and its CSV download). Dates: a Jalali `1404/01/15` or an ISO `2025-04-04` day, in Tehran time. */
export const AuditEntryFilter = z.object({
  agencyId: z.uuid().optional(),
  /** A staff username or the id of any actor (matches whoever acted or on whose behalf). */
  actor: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._@-]+$/)
    .optional(),
  /** An action (`card.approve`), or every action of a kind with a trailing dot (`card.`). */
  action: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9_.]+$/)
    .optional(),
  objectType: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9_]+$/)
    .optional(),
  // No control characters (a NUL cannot even be stored in a text column).
  // eslint-disable-next-line no-control-regex
  objectId: z.string().trim().min(1).max(200).regex(/^[^\u0000-\u001f\u007f]+$/).optional(),
  from: z.string().trim().min(1).max(20).optional(),
  to: z.string().trim().min(1).max(20).optional(),
});
export type AuditEntryFilter = z.infer<typeof AuditEntryFilter>;

/** Who did it: the actor's kind, id and (when known) name with a second line (username, masked code). */
export const AuditParty = z.object({
  type: z.enum(['anonymous', 'citizen', 'staff', 'system', 'api_client']),
  id: z.string().nullable(),
  name: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditParty = z.infer<typeof AuditParty>;

export const AuditEntry = z.object({
  /** The entry's number in the whole log, in the order entries were written. */
  id: z.number().int().min(1),
  /** Its chain (an agency's id, `platform`, or `legacy`) and its place in that chain. */
  chain: z.string(),
  chainSeq: z.number().int().min(1),
  occurredAt: z.iso.datetime(),
  actor: AuditParty,
  /** The person (a delegating principal, a represented company) the actor acted for. */
  onBehalfOf: AuditParty.nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  agency: z.object({ id: z.string(), nameFa: z.string().nullable(), nameEn: z.string().nullable() }).nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** As stored, except values under secret-looking keys, which read "[redacted]". */
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditEntryPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditEntryPage = z.infer<typeof AuditEntryPage>;

/** One verification of every chain and checkpoint: who asked, when, and the problems found (none when ok). */
export const AuditVerificationRecord = z.object({
  id: z.uuid(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  ok: z.boolean(),
  entries: z.number().int().min(0),
  chains: z.number().int().min(0),
  checkpoints: z.number().int().min(0),
  /** The first broken entry of each broken chain (`chain`, `seq`), then each checkpoint that does not hold. */
  problems: z.array(z.object({ reason: z.string(), message: z.string(), chain: z.string().optional(), seq: z.number().int().optional(), checkpoint: z.number().int().optional() })),
  /** Who asked: a staff member, or the operations endpoint. */
  requestedBy: AuditParty,
});
export type AuditVerificationRecord = z.infer<typeof AuditVerificationRecord>;

export const AuditChainStatus = z.object({
  /** Entries in all chains, and how many chains (one per agency that has entries, the platform's, the legacy one). */
  length: z.number().int().min(0),
  chains: z.number().int().min(0),
  /** The latest signed checkpoint over every chain's head, or null before the first. */
  latestCheckpoint: z.object({ n: z.number().int(), createdAt: z.iso.datetime() }).nullable(),
  /** The latest walk of the chain (by anyone), or null when it was never walked through Dargah. */
  lastVerification: AuditVerificationRecord.nullable(),
});
export type AuditChainStatus = z.infer<typeof AuditChainStatus>;
