import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { DomainError } from '../http/errors';

/** A pass-through stream that hashes and counts what flows through it. */
export interface Meter {
  readonly stream: Transform;
  /** SHA-256 (hex) and byte count; call once the stream has finished. */
  result(): { sha256: string; size: number };
}

/** Hashes (SHA-256) and counts bytes; fails with BLOB_TOO_LARGE on the chunk that passes maxBytes. */
export function createMeter(maxBytes: number): Meter {
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        callback(new DomainError('BLOB_TOO_LARGE', { maxBytes }));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return {
    stream,
    result() {
      digest ??= hash.digest('hex');
      return { sha256: digest, size };
    },
  };
}
