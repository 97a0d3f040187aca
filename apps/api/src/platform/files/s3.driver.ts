import { randomUUID } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { DomainError } from '../http/errors';
import { assertBlobAddress } from './address';
import { createMeter } from './meter';
import type { BlobDriver, StagedBlob } from './types';

export interface S3DriverOptions {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, Ceph, a national cloud); absent for AWS itself. */
  endpoint?: string;
  region?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /** Static credentials; absent means the SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** A ready client (tests); the options above are then ignored except bucket. */
  client?: S3Client;
}

/** Key prefix of content (`blobs/<sha256>`) and of staged uploads (`tmp/<uuid>`). */
export const S3_BLOB_PREFIX = 'blobs/';
export const S3_TEMP_PREFIX = 'tmp/';

/**
 * Upload part size: S3's minimum. With one part in flight, an upload holds about two parts of
 * memory whatever the file size.
 */
const PART_BYTES = 5 * 1024 * 1024;

function isNotFound(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey');
}

function makeClient(opts: S3DriverOptions): S3Client {
  return new S3Client({
    region: opts.region ?? 'us-east-1',
    ...(opts.endpoint
      ? {
          endpoint: opts.endpoint,
          // S3-compatible servers often reject the SDK's newer default (CRC trailers on every request).
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
    forcePathStyle: opts.forcePathStyle ?? false,
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
}

/**
 * Stores content in an S3-compatible bucket. Uploads stream (multipart) to `tmp/`, then are copied
 * to `blobs/<sha256>`. A bucket lifecycle rule should expire `tmp/` objects and abort incomplete
 * multipart uploads after a day: they are only left by a process that died mid-upload.
 * CopyObject limits one object to 5 GB.
 */
export function createS3BlobDriver(opts: S3DriverOptions): BlobDriver {
  const client = opts.client ?? makeClient(opts);
  const Bucket = opts.bucket;
  const keyOf = (sha: string) => `${S3_BLOB_PREFIX}${sha}`;
  const tempKey = () => `${S3_TEMP_PREFIX}${randomUUID()}`;

  const deleteKey = async (Key: string) => {
    await client.send(new DeleteObjectCommand({ Bucket, Key }));
  };
  const deleteQuietly = (Key: string) => deleteKey(Key).catch(() => undefined);
  const copy = async (from: string, to: string) => {
    await client.send(new CopyObjectCommand({ Bucket, Key: to, CopySource: `${Bucket}/${from}` }));
  };

  async function sizeOf(Key: string): Promise<number | undefined> {
    try {
      return (await client.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  function staged(key: string, sha256: string, size: number): StagedBlob {
    return {
      sha256,
      size,
      async commit() {
        const target = keyOf(sha256);
        const created = (await sizeOf(target)) === undefined;
        if (created) await copy(key, target);
        // The content is safe at its address; a temp object left by a failed delete expires by lifecycle.
        await deleteQuietly(key);
        return created;
      },
      discard: () => deleteKey(key),
    };
  }

  async function upload(source: Readable, maxBytes: number, Key: string): Promise<{ sha256: string; size: number }> {
    const meter = createMeter(maxBytes);
    let streamError: unknown;
    const body = pipeline(source, meter.stream, (err) => {
      streamError ??= err ?? undefined;
    });
    const up = new Upload({ client, params: { Bucket, Key, Body: body }, partSize: PART_BYTES, queueSize: 1 });
    try {
      await up.done();
    } catch (err) {
      body.destroy();
      await deleteQuietly(Key);
      throw streamError ?? err;
    }
    return meter.result();
  }

  return {
    name: 's3',

    async stage(source, maxBytes) {
      const key = tempKey();
      const { sha256, size } = await upload(source, maxBytes, key);
      return staged(key, sha256, size);
    },

    async read(sha256) {
      assertBlobAddress(sha256);
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(sha256) }));
        if (!(res.Body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
        return res.Body;
      } catch (err) {
        if (isNotFound(err)) throw new DomainError('BLOB_NOT_FOUND', { sha256 });
        throw err;
      }
    },

    async exists(sha256) {
      assertBlobAddress(sha256);
      return (await sizeOf(keyOf(sha256))) !== undefined;
    },

    async moveAside(sha256) {
      assertBlobAddress(sha256);
      const size = await sizeOf(keyOf(sha256));
      if (size === undefined) return undefined;
      const key = tempKey();
      try {
        await copy(keyOf(sha256), key);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
      await deleteKey(keyOf(sha256));
      return staged(key, sha256, size);
    },

    async delete(sha256) {
      assertBlobAddress(sha256);
      await deleteKey(keyOf(sha256));
    },
  };
}
