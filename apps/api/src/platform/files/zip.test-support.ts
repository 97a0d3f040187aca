import zlib from 'node:zlib';
import { writeZip as zipOf, type ZipPart } from './archive';

/** Helpers that build ZIP archives, honest or lying, for the archive guard's tests (not part of the public API). */

/** Writes a ZIP exactly as declared, lies included. */
export { zipOf, type ZipPart };

/** An entry compressed honestly. */
export function deflatedPart(name: string, content: string | Buffer): ZipPart {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, method: 8, payload: zlib.deflateRawSync(data), size: data.length, crc: zlib.crc32(data) };
}

const MiB = 1024 * 1024;
const zeros = new Map<number, { payload: Buffer; crc: number }>();

/**
 * A real raw-deflate stream of `mebibytes` MiB of zeros, about 1 KiB per MiB: one MiB deflated and
 * sync-flushed (so it ends on a byte boundary and stands alone), repeated, then a final empty block.
 * Nothing of the unpacked size is ever allocated here.
 */
export function deflatedZeros(mebibytes: number): { payload: Buffer; crc: number } {
  let z = zeros.get(mebibytes);
  if (!z) {
    const block = Buffer.alloc(MiB);
    const chunk = zlib.deflateRawSync(block, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    let crc = 0;
    for (let i = 0; i < mebibytes; i++) crc = zlib.crc32(block, crc);
    z = { payload: Buffer.concat([...Array.from({ length: mebibytes }, () => chunk), zlib.deflateRawSync(Buffer.alloc(0))]), crc };
    zeros.set(mebibytes, z);
  }
  return z;
}

/**
 * An XLSX-shaped zip bomb: a content-types entry and a worksheet of `mebibytes` MiB of zeros whose
 * headers declare `declared` bytes (by default 1,000: the lying directory).
 */
export function zipBomb(mebibytes = 1024, declared = 1000): Buffer {
  const z = deflatedZeros(mebibytes);
  return zipOf([
    deflatedPart('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    { name: 'xl/worksheets/sheet1.xml', method: 8, payload: z.payload, size: declared, crc: z.crc },
  ]);
}

/** How many bytes raw-deflate data really inflates to, counted as it streams (nothing held). */
export async function inflatedLength(payload: Buffer): Promise<number> {
  let n = 0;
  const inflate = zlib.createInflateRaw();
  inflate.on('data', (c: Buffer) => (n += c.length));
  await new Promise<void>((resolve, reject) => {
    inflate.on('end', resolve).on('error', reject);
    inflate.end(payload);
  });
  return n;
}

/**
 * Samples the process's resident memory every few milliseconds while `work` runs (inflation runs on
 * the thread pool, so the event loop keeps sampling) and returns how far it rose above the start.
 */
export async function rssGrowthDuring<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}
