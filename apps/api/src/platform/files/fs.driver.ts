import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../http/errors';
import { assertBlobAddress } from './address';
import { createMeter } from './meter';
import type { BlobDriver, StagedBlob } from './types';

export interface FsDriverOptions {
  /** Folder of the store, e.g. `<DATA_DIR>/blobs`; content goes to `ab/cd/<sha256>`, temporary files to `tmp/`. */
  root: string;
}

/** Name of the folder (under the root, so on the same filesystem) that holds staged files. */
export const FS_TEMP_DIR = 'tmp';

const FILE_MODE = 0o640;

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

async function removeQuietly(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (err) {
    if (errno(err) === 'ENOENT') return false;
    throw err;
  }
}

/** Makes a rename durable: fsyncs each folder from `dir` up to `root` (best effort where unsupported). */
async function syncDirs(dir: string, root: string): Promise<void> {
  for (let d = dir; ; d = path.dirname(d)) {
    const handle = await fs.open(d, 'r');
    try {
      await handle.sync();
    } catch (err) {
      if (!['EINVAL', 'EISDIR', 'EPERM', 'EBADF'].includes(errno(err) ?? '')) throw err;
    } finally {
      await handle.close();
    }
    if (d === root || path.dirname(d) === d) return;
  }
}

/** Destroys a write stream and waits until its file descriptor is closed. */
async function closeQuietly(out: WriteStream): Promise<void> {
  if (out.closed) return;
  const closed = once(out, 'close').catch(() => undefined);
  out.destroy();
  await closed;
}

/** Streams source through meter to a new file, fsynced before it counts as written; removed on any failure. */
async function writeDurably(source: Readable, meter: Transform, file: string): Promise<void> {
  const out = createWriteStream(file, { flags: 'wx', mode: FILE_MODE, flush: true });
  try {
    await once(out, 'ready'); // the file exists from here on, so the cleanup below cannot miss it
    await pipeline(source, meter, out); // resolves after the fsync (flush) and close
  } catch (err) {
    await closeQuietly(out);
    await removeQuietly(file);
    throw err;
  }
}

/** Stores content on the local filesystem: atomic rename into a two-level fan-out, fsynced. */
export function createFsBlobDriver(opts: FsDriverOptions): BlobDriver {
  const root = path.resolve(opts.root);
  const tempDir = path.join(root, FS_TEMP_DIR);
  const pathOf = (sha: string) => path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  const tempFile = () => path.join(tempDir, `${randomUUID()}.part`);

  function staged(file: string, sha256: string, size: number): StagedBlob {
    return {
      sha256,
      size,
      async commit() {
        const target = pathOf(sha256);
        if (await fileExists(target)) {
          await removeQuietly(file);
          return false;
        }
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(file, target);
        await syncDirs(path.dirname(target), root);
        return true;
      },
      discard: () => removeQuietly(file),
    };
  }

  return {
    name: 'fs',

    async stage(source, maxBytes) {
      await fs.mkdir(tempDir, { recursive: true });
      const file = tempFile();
      const meter = createMeter(maxBytes);
      await writeDurably(source, meter.stream, file).catch((err: unknown) => {
        source.destroy();
        throw err;
      });
      const { sha256, size } = meter.result();
      return staged(file, sha256, size);
    },

    async read(sha256) {
      assertBlobAddress(sha256);
      try {
        const handle = await fs.open(pathOf(sha256), 'r');
        return handle.createReadStream();
      } catch (err) {
        if (errno(err) === 'ENOENT') throw new DomainError('BLOB_NOT_FOUND', { sha256 });
        throw err;
      }
    },

    async exists(sha256) {
      assertBlobAddress(sha256);
      return fileExists(pathOf(sha256));
    },

    async moveAside(sha256) {
      assertBlobAddress(sha256);
      await fs.mkdir(tempDir, { recursive: true });
      const file = tempFile();
      try {
        await fs.rename(pathOf(sha256), file);
      } catch (err) {
        if (errno(err) === 'ENOENT') return undefined;
        throw err;
      }
      const { size } = await fs.stat(file);
      return staged(file, sha256, size);
    },

    async delete(sha256) {
      assertBlobAddress(sha256);
      await removeQuietly(pathOf(sha256));
    },
  };
}
