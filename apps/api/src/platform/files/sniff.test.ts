import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../http/errors';
import {
  assertDetectableTypes,
  createTypeGate,
  DEFAULT_ALLOWED_TYPES,
  OCTET_STREAM,
  SNIFF_BYTES,
  TEXT_PLAIN,
} from './sniff';
import { fixture, PNG_1X1, streamOf, uniquePdf } from './test-support';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const WITH_TEXT = [...DEFAULT_ALLOWED_TYPES, TEXT_PLAIN];

/** Runs bytes through a type gate; resolves to the detected type and the bytes that came out. */
async function gate(bytes: Buffer, allowed: readonly string[] = DEFAULT_ALLOWED_TYPES, chunkBytes = 1000) {
  const g = createTypeGate(new Set(allowed));
  const out: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      out.push(chunk);
      cb();
    },
  });
  await pipeline(streamOf(bytes, chunkBytes), g.stream, sink);
  return { mediaType: g.mediaType(), out: Buffer.concat(out) };
}

async function refusedAs(bytes: Buffer, allowed: readonly string[] = DEFAULT_ALLOWED_TYPES): Promise<DomainError> {
  const err = await gate(bytes, allowed).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

const persianCsv = Buffer.from('کد ملی,نام,تاریخ\n0012345678,علی,۱۴۰۳/۰۱/۱۵\n'.repeat(200));

describe('allowed types', () => {
  it('lists only types detection can produce, and refuses a typo', () => {
    expect(() => assertDetectableTypes(DEFAULT_ALLOWED_TYPES)).not.toThrow();
    expect(() => assertDetectableTypes([TEXT_PLAIN, OCTET_STREAM])).not.toThrow();
    expect(() => assertDetectableTypes(['image/jpg'])).toThrow(/image\/jpg/);
  });

  it('leaves plain ZIP and text out by default', () => {
    expect(DEFAULT_ALLOWED_TYPES).not.toContain('application/zip');
    expect(DEFAULT_ALLOWED_TYPES).not.toContain(TEXT_PLAIN);
  });
});

describe('type gate', () => {
  it.each([
    ['a PDF', uniquePdf(), 'application/pdf'],
    ['a PNG', PNG_1X1, 'image/png'],
    ['a DOCX', fixture('minimal.docx'), DOCX],
  ])('detects %s and passes every byte through unchanged', async (_name, bytes, type) => {
    const { mediaType, out } = await gate(bytes);
    expect(mediaType).toBe(type);
    expect(out).toEqual(bytes);
  });

  it('looks further into a ZIP to recognise an Office file whose parts come late', async () => {
    const docx = fixture('thumbnail-first.docx');
    expect((await fileTypeFromBuffer(docx.subarray(0, SNIFF_BYTES)))?.mime).toBe('application/zip');
    expect((await gate(docx)).mediaType).toBe(DOCX);
  });

  it('refuses a plain ZIP unless the caller allows it', async () => {
    const zip = fixture('plain.zip');
    expect((await refusedAs(zip)).details).toMatchObject({ detected: 'application/zip' });
    expect((await gate(zip, ['application/zip'])).mediaType).toBe('application/zip');
  });

  it('refuses empty content', async () => {
    expect((await refusedAs(Buffer.alloc(0))).code).toBe('BLOB_EMPTY');
  });
});

describe('text fallback', () => {
  it('detects UTF-8 text only where the caller allows text/plain', async () => {
    expect((await gate(persianCsv, WITH_TEXT)).mediaType).toBe(TEXT_PLAIN);
    expect((await refusedAs(persianCsv)).details).toMatchObject({ detected: TEXT_PLAIN });
  });

  it('calls text that begins like a binary format ("BM…" as in BMP) text', async () => {
    const csv = Buffer.from('BMW,Tehran\n206,Shiraz\n');
    expect((await fileTypeFromBuffer(csv))?.mime).toBe('image/bmp');
    expect((await gate(csv, WITH_TEXT)).mediaType).toBe(TEXT_PLAIN);
    expect((await refusedAs(csv)).code).toBe('BLOB_TYPE_NOT_ALLOWED');
  });

  it('accepts a multi-byte character split across chunks and across the sniffing window', async () => {
    const text = Buffer.concat([Buffer.from('a'.repeat(SNIFF_BYTES - 1)), persianCsv]);
    expect((await gate(text, WITH_TEXT, SNIFF_BYTES)).mediaType).toBe(TEXT_PLAIN); // the head ends inside 'ک'
  });

  it.each([
    ['a NUL byte in the head', Buffer.from('id,name\n1,\u0000x\n')],
    ['a NUL byte after the head', Buffer.concat([persianCsv, Buffer.from([0]), persianCsv])],
    ['invalid UTF-8 after the head', Buffer.concat([persianCsv, Buffer.from([0xff, 0xfe]), persianCsv])],
    ['a truncated character at the end', Buffer.concat([persianCsv, Buffer.from('ک').subarray(0, 1)])],
  ])('refuses text with %s as binary', async (_name, bytes) => {
    expect((await refusedAs(bytes, WITH_TEXT)).details).toMatchObject({ detected: OCTET_STREAM });
  });
});
