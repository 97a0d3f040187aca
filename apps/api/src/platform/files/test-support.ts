import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

/** Helpers for the blob store tests (not part of the public API). */

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__');

/** A fixture file's bytes. */
export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

/** A valid 1×1 PNG. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A small PDF-looking document, unique per call (random trailer). */
export function uniquePdf(): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
    randomBytes(64),
  ]);
}

/** Random bytes after `head`, made unique per call. */
export function uniqueBytes(head: Buffer, size: number): Buffer {
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A pull-driven stream of the given bytes in small chunks (as a network upload arrives). */
export function streamOf(bytes: Buffer, chunkBytes = 16 * 1024): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= bytes.length) return void this.push(null);
      this.push(bytes.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
}

export interface GeneratedStream {
  stream: Readable;
  /** Bytes handed out so far. */
  produced(): number;
  /** SHA-256 of everything produced; valid once the stream has ended. */
  sha256(): string;
}

/**
 * `total` bytes produced on demand, `head` first, then pseudo-random 64 KiB chunks: never held in
 * memory as a whole, hashed as they are produced. onChunk runs before each chunk is handed out.
 */
export function generatedStream(
  total: number,
  head: Buffer = Buffer.from('%PDF-1.7\n'),
  onChunk: (produced: number) => void = () => undefined,
): GeneratedStream {
  const block = randomBytes(64 * 1024);
  const hash = createHash('sha256');
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= total) return void this.push(null);
      const chunk = Buffer.from(block.subarray(0, Math.min(block.length, total - produced)));
      if (produced === 0) head.copy(chunk);
      if (chunk.length >= head.length + 4) chunk.writeUInt32BE(produced >>> 0, head.length); // no two chunks alike
      produced += chunk.length;
      hash.update(chunk);
      onChunk(produced);
      this.push(chunk);
    },
  });
  let digest: string | undefined;
  return { stream, produced: () => produced, sha256: () => (digest ??= hash.digest('hex')) };
}

/** A stream that yields some bytes, then fails as a dropped client connection would. */
export function failingStream(head: Buffer, error: Error): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(head);
        return;
      }
      this.destroy(error);
    },
  });
}

/** A promise with its resolve function (Promise.withResolvers needs Node 22). */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Measures memory held, not memory churned: each sample forces a full garbage collection first, so
 * chunks already passed on do not count. Sample from inside a stream to see what it holds.
 */
export function memoryProbe(): { sample(): void; peakGrowth(): number } {
  v8.setFlagsFromString('--expose-gc');
  const collect = vm.runInNewContext('gc') as () => void;
  const held = () => {
    collect();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = held();
  let peak = base;
  return {
    sample: () => void (peak = Math.max(peak, held())),
    peakGrowth: () => peak - base,
  };
}
