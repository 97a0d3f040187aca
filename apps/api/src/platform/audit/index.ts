export { audit, withAuditEntry, type AuditInput } from './audit';
export { auditBacklog, AuditSealer, sealAudit, sealRound, type AuditBacklog, type SealRound } from './seal';
export { canonicalJson, chainHash, chainOf, GENESIS_HASH, LEGACY_CHAIN, PLATFORM_CHAIN } from './chain';
export {
  AUDIT_CHECKPOINT_KIND,
  createAuditCheckpointJob,
  createCheckpoint,
  exportedKey,
  listCheckpoints,
  SignedCheckpointSchema,
  type SignedCheckpoint,
} from './checkpoints';
export { auditKeyFromConfig, generateAuditKey, publicAuditKey, readAuditKeyFile, type AuditKey } from './keys';
export { verifyAudit, type AuditReport, type ChainProblem, type CheckpointProblem } from './verify';
export type { AuditRow } from './audit';
export { auditChainHeads, findAuditEntry, listAuditEntries, type AuditEntryQuery } from './read';
