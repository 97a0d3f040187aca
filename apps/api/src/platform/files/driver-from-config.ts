import path from 'node:path';
import type { AppConfig } from '../../config';
import { createFsBlobDriver } from './fs.driver';
import { createS3BlobDriver } from './s3.driver';
import type { BlobDriver } from './types';

/** The settings a blob driver is chosen and built from. */
export type BlobDriverConfig = Pick<
  AppConfig,
  | 'BLOB_DRIVER'
  | 'dataDir'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_BUCKET'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
>;

function s3Credentials(c: BlobDriverConfig): { accessKeyId: string; secretAccessKey: string } | undefined {
  if (!c.S3_ACCESS_KEY_ID && !c.S3_SECRET_ACCESS_KEY) return undefined;
  if (!c.S3_ACCESS_KEY_ID || !c.S3_SECRET_ACCESS_KEY) {
    throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  return { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY };
}

/** The filesystem driver under `<DATA_DIR>/blobs`, or the S3 driver when BLOB_DRIVER=s3. */
export function createBlobDriverFromConfig(c: BlobDriverConfig): BlobDriver {
  if (c.BLOB_DRIVER === 'fs') return createFsBlobDriver({ root: path.join(c.dataDir, 'blobs') });
  if (!c.S3_BUCKET) throw new Error('S3_BUCKET is required when BLOB_DRIVER=s3');
  const credentials = s3Credentials(c);
  return createS3BlobDriver({
    bucket: c.S3_BUCKET,
    region: c.S3_REGION,
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
    ...(c.S3_ENDPOINT ? { endpoint: c.S3_ENDPOINT } : {}),
    ...(credentials ? { credentials } : {}),
  });
}
