import { describe, expect, it } from 'vitest';
import { bytesToBase64, certificateToPem, PKCS12_MAX_BYTES, pkcs12TooLarge } from './enrolFiles';

const encode = (s: string) => new TextEncoder().encode(s);

describe('certificateToPem', () => {
  it('keeps a PEM file (and its chain) and leaves out text before the first block', () => {
    const pem =
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----';
    expect(certificateToPem(encode(`Bag Attributes\r\n  friendlyName: x\r\n${pem}\r\n\r\n`))).toBe(`${pem}\n`);
  });

  it('wraps DER bytes in CERTIFICATE lines of 64 base64 characters', () => {
    const der = new Uint8Array(100).map((_, i) => (i * 37 + 0x30) & 0xff);
    der[0] = 0x30;
    der[1] = 0x82;
    const pem = certificateToPem(der);
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-2)).toBe('-----END CERTIFICATE-----');
    expect(lines.at(-1)).toBe('');
    const body = lines.slice(1, -2);
    expect(body.slice(0, -1).every((l) => l.length === 64)).toBe(true);
    expect(body.join('')).toBe(bytesToBase64(der));
    expect(Uint8Array.from(atob(body.join('')), (c) => c.charCodeAt(0))).toEqual(der);
  });

  it('takes a file with NUL bytes and no PEM header as DER, not as text', () => {
    const pem = certificateToPem(new Uint8Array([0x30, 0, 0, 0x2d, 0x2d]));
    expect(pem).toBe('-----BEGIN CERTIFICATE-----\nMAAALS0=\n-----END CERTIFICATE-----\n');
  });
});

describe('bytesToBase64', () => {
  it('encodes large files past the argument-count chunk', () => {
    const bytes = new Uint8Array(PKCS12_MAX_BYTES).map((_, i) => i & 0xff);
    const b64 = bytesToBase64(bytes);
    expect(b64.length).toBe(131_072);
    expect(atob(b64).charCodeAt(70_000)).toBe(70_000 & 0xff);
  });
});

describe('pkcs12TooLarge', () => {
  it('refuses files over 96 KB (what fits in the server’s base64 limit) and accepts up to it', () => {
    expect(pkcs12TooLarge(PKCS12_MAX_BYTES)).toBe(false);
    expect(pkcs12TooLarge(PKCS12_MAX_BYTES + 1)).toBe(true);
    expect(pkcs12TooLarge(0)).toBe(false);
    expect(Math.ceil(PKCS12_MAX_BYTES / 3) * 4).toBeLessThanOrEqual(131_072);
  });
});
