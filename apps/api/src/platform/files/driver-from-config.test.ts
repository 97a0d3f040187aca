import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createBlobDriverFromConfig } from './driver-from-config';

describe('createBlobDriverFromConfig', () => {
  it('uses the filesystem under DATA_DIR by default', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/dargah-config-test' });
    expect(createBlobDriverFromConfig(config).name).toBe('fs');
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('uses S3 when BLOB_DRIVER=s3', () => {
    const config = loadConfig({
      BLOB_DRIVER: 's3',
      S3_BUCKET: 'dargah',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(createBlobDriverFromConfig(config).name).toBe('s3');
  });

  it('refuses half a pair of S3 credentials', () => {
    const config = loadConfig({ BLOB_DRIVER: 's3', S3_BUCKET: 'dargah', S3_ACCESS_KEY_ID: 'id' });
    expect(() => createBlobDriverFromConfig(config)).toThrow(/together/);
  });
});
