export * from './types';
export { isBlobAddress } from './address';
export { createBlobStore, type BlobStoreOptions } from './blob-store';
export {
  BLOB_GC_KIND,
  BlobGcPayload,
  collectBlobGarbage,
  createBlobGcJob,
  DEFAULT_BLOB_GC_GRACE_MS,
  type BlobGcOptions,
} from './blob-gc';
export { createBlobDriverFromConfig, type BlobDriverConfig } from './driver-from-config';
export { createFsBlobDriver, type FsDriverOptions } from './fs.driver';
export { createS3BlobDriver, type S3DriverOptions } from './s3.driver';
export { DEFAULT_ALLOWED_TYPES, OCTET_STREAM, TEXT_PLAIN } from './sniff';
export { storedZip, unpackZip, verifiedZip, type ArchiveEntry, type ArchiveLimits } from './archive';
