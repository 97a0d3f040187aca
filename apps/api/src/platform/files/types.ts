import type { Readable } from 'node:stream';
import type { Db } from '../db';

/** What a stored content is: its SHA-256 address, size and sniffed media type. */
export interface BlobInfo {
  sha256: string;
  size: number;
  /** From magic bytes, never from the file name or a declared type. */
  mediaType: string;
  /** False when the same content was already stored (it is stored once). */
  created: boolean;
}

/** A stored content as `open` reports it. */
export type StoredBlobInfo = Omit<BlobInfo, 'created'>;

export interface PutOptions {
  /** Refuse more bytes than this (BLOB_TOO_LARGE); the default is the store's maxBytes (BLOB_MAX_BYTES). */
  maxBytes?: number;
  /** Allowed sniffed media types; the default is DEFAULT_ALLOWED_TYPES. Add `text/plain` for CSV, JSON or text. */
  allowedTypes?: readonly string[];
}

/**
 * Bytes written to a temporary place of the driver, hashed and counted, not yet at their address.
 * Exactly one of commit() or discard() is called.
 */
export interface StagedBlob {
  readonly sha256: string;
  readonly size: number;
  /** Moves the bytes to their address atomically; false when they were already there (the staged copy is dropped). */
  commit(): Promise<boolean>;
  /** Deletes the staged bytes. */
  discard(): Promise<void>;
}

/** A storage back end: bytes by address only. Drivers know nothing of the database or of media types. */
export interface BlobDriver {
  readonly name: 'fs' | 's3';
  /**
   * Streams content into a temporary place, hashing and counting as it goes; never buffers the whole.
   * Rejects with BLOB_TOO_LARGE as soon as more than maxBytes arrive, and with the source's own error
   * if the source fails; in both cases nothing is left behind.
   */
  stage(source: Readable, maxBytes: number): Promise<StagedBlob>;
  /** A stream of the content; BLOB_NOT_FOUND when it is not stored. */
  read(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  /**
   * Takes stored content away from its address into a staged state (undefined if absent): commit()
   * puts it back, discard() deletes it. The GC uses it so a put racing a deletion still wins.
   */
  moveAside(sha256: string): Promise<StagedBlob | undefined>;
  /** Deletes the content at an address; absent content is not an error. */
  delete(sha256: string): Promise<void>;
}

/** Content-addressed, reference-counted blob store used by every module. */
export interface BlobStore {
  readonly driver: BlobDriver['name'];
  /** Streams content in, sniffs its type, stores it once; refusals leave nothing behind. */
  put(source: Readable, opts?: PutOptions): Promise<BlobInfo>;
  /** Info and a stream of stored content; BLOB_NOT_FOUND when unknown. */
  open(sha256: string): Promise<{ info: StoredBlobInfo; stream: Readable }>;
  /** Counts one more reference, in the caller's transaction (the blob must have been put); returns the new count. */
  addRef(db: Db, sha256: string): Promise<number>;
  /**
   * Drops one reference (never below zero); content whose count stays zero for the grace period is
   * removed by the blobs.gc job. Returns the new count.
   */
  release(db: Db, sha256: string): Promise<number>;
}
