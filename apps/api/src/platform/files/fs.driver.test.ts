import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeBlobStoreContract } from './blob-store.contract';
import { createFsBlobDriver, FS_TEMP_DIR } from './fs.driver';

async function list(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
}

describeBlobStoreContract('fs', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dargah-blobs-'));
  return {
    driver: createFsBlobDriver({ root }),
    heldBytes: 1024 * 1024, // stream buffers only
    listTemp: () => list(path.join(root, FS_TEMP_DIR)),
    async listStored() {
      const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile() && path.relative(root, e.parentPath).split(path.sep)[0] !== FS_TEMP_DIR)
        .map((e) => e.name);
    },
    close: () => fs.rm(root, { recursive: true, force: true }),
  };
});
