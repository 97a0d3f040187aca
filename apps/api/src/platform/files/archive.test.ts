import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { storedZip, unpackZip, verifiedZip } from './archive';
import { deflatedPart, deflatedZeros, inflatedLength, rssGrowthDuring, zipBomb, zipOf, type ZipPart } from './zip.test-support';

const MiB = 1024 * 1024;
const limits = { maxUnpackedBytes: 10 * MiB };

/** The same archive with the part's declared size (local header and central directory) changed. */
const declaring = (part: ZipPart, size: number): ZipPart => ({ ...part, size });

describe('unpacking a ZIP within limits', () => {
  it('unpacks an honest archive (stored and deflated entries) and rebuilds it stored for a library', async () => {
    const text = 'درگاه '.repeat(10_000);
    const stored: ZipPart = { name: 'a.txt', method: 0, payload: Buffer.from('plain'), size: 5, crc: zlib.crc32(Buffer.from('plain')) };
    const zip = zipOf([stored, deflatedPart('دفتر/b.xml', text)]);
    const entries = await unpackZip(zip, limits);
    expect(entries.map((e) => [e.name, e.data.toString('utf8')])).toEqual([
      ['a.txt', 'plain'],
      ['دفتر/b.xml', text],
    ]);
    const rebuilt = storedZip(entries);
    expect(await unpackZip(rebuilt, limits)).toEqual(entries);
  });

  it('hands exceljs a workbook it reads exactly as the original', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('کارت‌ها').addRows([['عنوان خدمت', 'تعداد'], ['صدور گواهی', 3]]);
    const original = new Uint8Array(await wb.xlsx.writeBuffer());
    const verified = await verifiedZip(original, limits);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(verified as never);
    const ws = read.worksheets[0]!;
    expect(ws.name).toBe('کارت‌ها');
    expect(ws.getRow(2).values).toEqual([undefined, 'صدور گواهی', 3]);
  });

  it('refuses the lying directory: 1 GiB of zeros declared as 1,000 bytes stops at 1,000 bytes', async () => {
    const bomb = zipBomb(1024, 1000);
    expect(bomb.length).toBeLessThan(2 * MiB);
    // A real bomb: the same construction at 64 MiB inflates to exactly 64 MiB, and the 1 GiB one is
    // that construction with 16 times the blocks (counting 1 GiB here would only cost CPU time).
    expect(await inflatedLength(deflatedZeros(64).payload)).toBe(64 * MiB);
    const finalBlock = 2; // the empty final block that ends both
    expect(deflatedZeros(1024).payload.length - finalBlock).toBe(16 * (deflatedZeros(64).payload.length - finalBlock));
    const { result, growth } = await rssGrowthDuring(() => unpackZip(bomb, limits).catch((e: unknown) => e));
    expect(result).toMatchObject({ code: 'ARCHIVE_EXPANDS_TOO_MUCH', details: { reason: 'declared-size-exceeded', entry: 'xl/worksheets/sheet1.xml' } });
    expect(growth).toBeLessThan(150 * MiB);
  });

  it('refuses three bombs at once with memory bounded', async () => {
    const bomb = zipBomb(1024, 1000);
    const { result, growth } = await rssGrowthDuring(() =>
      Promise.all([1, 2, 3].map(() => verifiedZip(bomb, limits).catch((e: unknown) => e))),
    );
    for (const r of result) expect(r).toMatchObject({ code: 'ARCHIVE_EXPANDS_TOO_MUCH' });
    expect(growth).toBeLessThan(150 * MiB);
  });

  it('refuses an honest bomb by its declared sizes before inflating anything', async () => {
    const z = deflatedZeros(64);
    const honest: ZipPart = { name: 'big.xml', method: 8, payload: z.payload, size: 64 * MiB, crc: z.crc };
    await expect(unpackZip(zipOf([honest]), limits)).rejects.toMatchObject({
      code: 'ARCHIVE_EXPANDS_TOO_MUCH',
      details: { reason: 'bytes', maxUnpackedBytes: limits.maxUnpackedBytes },
    });
    // Within the byte limit, a ratio no real document has (zeros deflate ~1,000 to 1) is refused too.
    const eight = deflatedZeros(8);
    await expect(unpackZip(zipOf([{ name: 'z', method: 8, payload: eight.payload, size: 8 * MiB, crc: eight.crc }]), limits)).rejects.toMatchObject({
      code: 'ARCHIVE_EXPANDS_TOO_MUCH',
      details: { reason: 'ratio' },
    });
    expect(await unpackZip(zipOf([{ name: 'z', method: 8, payload: eight.payload, size: 8 * MiB, crc: eight.crc }]), { ...limits, maxRatio: 2000 })).toHaveLength(1);
  });

  it('counts every entry against the total, and the number of entries', async () => {
    const part = (i: number) => deflatedPart(`e${i}.txt`, randomBytes(MiB / 2).toString('hex'));
    await expect(unpackZip(zipOf([0, 1, 2].map(part)), { maxUnpackedBytes: 2.5 * MiB })).rejects.toMatchObject({
      code: 'ARCHIVE_EXPANDS_TOO_MUCH',
      details: { reason: 'bytes' },
    });
    const many = zipOf(Array.from({ length: 20 }, (_, i) => deflatedPart(`f${i}`, 'x')));
    await expect(unpackZip(many, { ...limits, maxEntries: 10 })).rejects.toMatchObject({ code: 'ARCHIVE_EXPANDS_TOO_MUCH', details: { reason: 'entries', maxEntries: 10 } });
  });

  it('refuses an entry that inflates to less than it declared, or to other bytes than its checksum', async () => {
    const part = deflatedPart('a.xml', '<a>hello</a>');
    await expect(unpackZip(zipOf([declaring(part, part.size + 5)]), limits)).rejects.toMatchObject({ code: 'ARCHIVE_UNREADABLE', details: { reason: 'size-mismatch' } });
    await expect(unpackZip(zipOf([{ ...part, crc: (part.crc ^ 1) >>> 0 }]), limits)).rejects.toMatchObject({ code: 'ARCHIVE_UNREADABLE', details: { reason: 'checksum' } });
    await expect(unpackZip(zipOf([{ ...part, payload: Buffer.from([0xff, 0xff, 0xff]) }]), limits)).rejects.toMatchObject({ code: 'ARCHIVE_UNREADABLE' });
  });

  it('refuses what is not a plain ZIP: garbage, truncation, encryption, other methods, duplicate names, ZIP64', async () => {
    const good = zipOf([deflatedPart('a', 'x')]);
    const cases: Array<[Buffer, string]> = [
      [Buffer.from('not a zip at all, just text'), 'not-a-zip'],
      [good.subarray(0, good.length - 5), 'not-a-zip'],
      [zipOf([deflatedPart('a', 'x'), deflatedPart('a', 'y')]), 'duplicate-name'],
      [zipOf([{ ...deflatedPart('a', 'x'), method: 12 as 8 }]), 'method'],
    ];
    const encrypted = Buffer.from(good);
    const cd = encrypted.readUInt32LE(encrypted.length - 22 + 16);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(cd + 8) | 1, cd + 8);
    cases.push([encrypted, 'encrypted']);
    const zip64 = Buffer.from(good);
    zip64.writeUInt32LE(0xffffffff, cd + 24);
    cases.push([zip64, 'zip64']);
    const pointsPastEnd = Buffer.from(good);
    pointsPastEnd.writeUInt32LE(0x7fffffff, cd + 20);
    cases.push([pointsPastEnd, 'bounds']);
    for (const [bytes, reason] of cases) {
      await expect(unpackZip(bytes, limits), reason).rejects.toMatchObject({ code: 'ARCHIVE_UNREADABLE', details: { reason } });
    }
  });
});
