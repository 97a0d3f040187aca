import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { DomainError } from '../http/errors';

/*
 * Opening ZIP archives (XLSX, DOCX, PPTX, ODF) that someone uploaded, without trusting what the
 * archive says about itself. See README.md "Archives".
 *
 * A ZIP declares each entry's unpacked size in its central directory, and nothing makes the
 * declaration true: a 1 MiB file that declares 1,000 bytes may inflate to 1 GiB. So every entry is
 * inflated here with its declared size as a hard ceiling (zlib stops as soon as the output passes
 * it), the declared sizes are checked against the limits before anything is inflated, and an entry
 * that inflates to another size or checksum than it declared is refused. What a library (exceljs,
 * mammoth) then opens is an archive rebuilt from the verified bytes, stored without compression:
 * it has nothing left to inflate, so no header can make a second unpacking bigger than the first.
 */

export interface ArchiveLimits {
  /** The most bytes all entries together may unpack to, counted on the bytes actually inflated. */
  maxUnpackedBytes: number;
  /** The most entries (files and folders) the archive may hold. */
  maxEntries?: number;
  /** The highest unpacked-to-packed ratio of an entry of 64 KiB or more (deflate reaches ~1,030). */
  maxRatio?: number;
}

export const DEFAULT_MAX_ENTRIES = 1000;
export const DEFAULT_MAX_RATIO = 500;
const RATIO_FROM_BYTES = 64 * 1024;

/** One verified entry. Folders (names ending in "/") have no data. */
export interface ArchiveEntry {
  name: string;
  data: Buffer;
}

type Unreadable = 'not-a-zip' | 'zip64' | 'multi-disk' | 'encrypted' | 'method' | 'bounds' | 'duplicate-name' | 'size-mismatch' | 'checksum' | 'corrupt';

const unreadable = (reason: Unreadable, details: Record<string, unknown> = {}) =>
  new DomainError('ARCHIVE_UNREADABLE', { reason, ...details });
const tooBig = (reason: 'entries' | 'bytes' | 'ratio' | 'declared-size-exceeded', details: Record<string, unknown>) =>
  new DomainError('ARCHIVE_EXPANDS_TOO_MUCH', { reason, ...details });

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

interface Declared {
  name: string;
  method: 0 | 8;
  crc: number;
  packedSize: number;
  size: number;
  dataStart: number;
}

/** Reads the central directory and each entry's local header; inflates nothing. */
function readDirectory(bytes: Buffer, limits: Required<ArchiveLimits>): Declared[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  if (bytes.length < 22 || u32(0) !== SIG_LOCAL) throw unreadable('not-a-zip');
  // The end-of-central-directory record: 22 bytes and a comment of at most 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (u32(i) === SIG_EOCD && i + 22 + u16(i + 20) <= bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable('not-a-zip');
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdStart = u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdStart === 0xffffffff) throw unreadable('zip64');
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) throw unreadable('multi-disk');
  if (count > limits.maxEntries) throw tooBig('entries', { maxEntries: limits.maxEntries });
  if (cdStart + cdSize > eocd) throw unreadable('bounds');

  const entries: Declared[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = cdStart;
  for (let n = 0; n < count; n++) {
    if (at + 46 > cdStart + cdSize || u32(at) !== SIG_CENTRAL) throw unreadable('corrupt');
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const packedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    const localAt = u32(at + 42);
    if (next > cdStart + cdSize) throw unreadable('corrupt');
    if (packedSize === 0xffffffff || size === 0xffffffff || localAt === 0xffffffff) throw unreadable('zip64');
    if (flags & 0x0001) throw unreadable('encrypted');
    if (method !== 0 && method !== 8) throw unreadable('method', { method });
    if (method === 0 && packedSize !== size) throw unreadable('size-mismatch');
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString(flags & 0x0800 ? 'utf8' : 'latin1');
    if (names.has(name)) throw unreadable('duplicate-name');
    names.add(name);

    // The local header must agree on the name and method; its data must lie before the directory.
    if (localAt + 30 > cdStart || u32(localAt) !== SIG_LOCAL) throw unreadable('corrupt');
    if (u16(localAt + 8) !== method || !bytes.subarray(localAt + 30, localAt + 30 + u16(localAt + 26)).equals(nameBytes)) {
      throw unreadable('corrupt');
    }
    const dataStart = localAt + 30 + u16(localAt + 26) + u16(localAt + 28);
    if (dataStart + packedSize > cdStart) throw unreadable('bounds');

    total += size;
    if (total > limits.maxUnpackedBytes) throw tooBig('bytes', { maxUnpackedBytes: limits.maxUnpackedBytes });
    if (size >= RATIO_FROM_BYTES && size > packedSize * limits.maxRatio) throw tooBig('ratio', { maxRatio: limits.maxRatio });
    entries.push({ name, method, crc, packedSize, size, dataStart });
    at = next;
  }
  return entries;
}

const inflateRaw = promisify<zlib.InputType, zlib.ZlibOptions, Buffer>(zlib.inflateRaw);

/** Inflates one entry, stopping as soon as the output passes its declared size. */
async function inflateEntry(bytes: Buffer, e: Declared): Promise<Buffer> {
  const packed = bytes.subarray(e.dataStart, e.dataStart + e.packedSize);
  if (e.method === 0) return packed;
  let data: Buffer;
  try {
    // On the thread pool, so the event loop keeps serving while a large entry inflates.
    data = await inflateRaw(packed, { maxOutputLength: Math.max(1, e.size) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig('declared-size-exceeded', { entry: e.name });
    throw unreadable('corrupt');
  }
  if (data.length !== e.size) {
    if (data.length > e.size) throw tooBig('declared-size-exceeded', { entry: e.name });
    throw unreadable('size-mismatch');
  }
  return data;
}

function limitsWithDefaults(limits: ArchiveLimits): Required<ArchiveLimits> {
  return { maxEntries: DEFAULT_MAX_ENTRIES, maxRatio: DEFAULT_MAX_RATIO, ...limits };
}

/**
 * Unpacks a ZIP within the limits, or throws ARCHIVE_EXPANDS_TOO_MUCH (details.reason: entries,
 * bytes, ratio or declared-size-exceeded) or ARCHIVE_UNREADABLE (details.reason) before anything
 * larger than the limits is held in memory. Entries are inflated one at a time.
 */
export async function unpackZip(input: Uint8Array, limits: ArchiveLimits): Promise<ArchiveEntry[]> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const declared = readDirectory(bytes, limitsWithDefaults(limits));
  const out: ArchiveEntry[] = [];
  for (const e of declared) {
    const data = await inflateEntry(bytes, e);
    if (zlib.crc32(data) !== e.crc) throw unreadable('checksum', { entry: e.name });
    out.push({ name: e.name, data });
  }
  return out;
}

/** One entry as written: its payload (raw deflate when method 8) and what its headers declare. */
export interface ZipPart {
  name: string;
  method: 0 | 8;
  payload: Buffer;
  /** The unpacked size the headers declare. */
  size: number;
  crc: number;
}

/** Writes the parts as a ZIP exactly as given (UTF-8 names, no data descriptors, no ZIP64). */
export function writeZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.payload.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(SIG_CENTRAL, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.payload.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.payload);
    centrals.push(central, name);
    offset += 30 + name.length + p.payload.length;
  }
  const cdSize = centrals.reduce((n, b) => n + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, eocd]);
}

/** A ZIP of the given entries, stored without compression. */
export function storedZip(entries: readonly ArchiveEntry[]): Buffer {
  return writeZip(entries.map(({ name, data }) => ({ name, method: 0, payload: data, size: data.length, crc: zlib.crc32(data) })));
}

/**
 * The archive a library may open: unpacked within the limits and verified, then rebuilt stored, so
 * the library inflates nothing itself. Every reader of an uploaded ZIP-based file goes through this.
 */
export async function verifiedZip(input: Uint8Array, limits: ArchiveLimits): Promise<Buffer> {
  return storedZip(await unpackZip(input, limits));
}
