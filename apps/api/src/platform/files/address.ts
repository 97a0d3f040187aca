import { DomainError } from '../http/errors';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for a blob address: 64 lower-case hex digits (a SHA-256). */
export function isBlobAddress(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Throws BLOB_NOT_FOUND for anything that is not an address, so no other string reaches a path or key. */
export function assertBlobAddress(value: string): void {
  if (!isBlobAddress(value)) throw new DomainError('BLOB_NOT_FOUND', { sha256: value });
}
