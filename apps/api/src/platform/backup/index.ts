export { BackupError, createBackup, type BackupOptions } from './backup';
export { hashStored, listBlobs } from './blobs';
export { BackupManifest, BLOBS_DIR, blobPath, MANIFEST_FILE } from './manifest';
export { readManifest, restoreBackup, type Restored, type RestoreTarget } from './restore';
