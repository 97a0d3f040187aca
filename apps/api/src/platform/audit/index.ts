export { audit, verifyAuditChain, type AuditInput, type AuditVerification } from './audit';
export { canonicalJson, chainHash, GENESIS_HASH } from './chain';
export type { AuditRow } from './audit';
export { auditChainHead, findAuditEntry, listAuditEntries, type AuditEntryQuery } from './read';
