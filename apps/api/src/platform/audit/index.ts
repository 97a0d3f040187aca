export { audit, verifyAuditChain, type AuditInput, type AuditVerification } from './audit';
export { canonicalJson, chainHash, GENESIS_HASH } from './chain';
