import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer, supportedMimeTypes } from 'file-type';
import { DomainError } from '../http/errors';

/**
 * Media types accepted when a caller passes none: the documents and scans citizens submit.
 * `application/zip` is left out on purpose (an opaque container: anything may hide inside, zip
 * bombs included); Office files are ZIPs too but are told apart by their content. Text formats are
 * opt-in through TEXT_PLAIN. A caller may pass its own list (PutOptions.allowedTypes).
 */
export const DEFAULT_ALLOWED_TYPES: readonly string[] = Object.freeze([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/**
 * Magic bytes cannot identify text (CSV, JSON, plain text). Content is reported as text/plain when
 * it is valid UTF-8 with no NUL byte: checked on the head when sniffing, then on every later byte
 * when text/plain is what the caller allowed. Callers that accept text must allow it explicitly.
 */
export const TEXT_PLAIN = 'text/plain';

/** What content that is neither a known format nor text is reported as. */
export const OCTET_STREAM = 'application/octet-stream';

/** file-type's own detection window: enough for nearly every format. */
export const SNIFF_BYTES = 4100;

/** ZIP-based Office files are recognised by their entries; when the head says "zip", look this far. */
export const ZIP_SNIFF_BYTES = 64 * 1024;

const ZIP = 'application/zip';

/** Throws (a programming error) for a type that detection can never produce, such as `image/jpg`. */
export function assertDetectableTypes(types: readonly string[]): void {
  const unknown = types.filter((t) => t !== TEXT_PLAIN && t !== OCTET_STREAM && !supportedMimeTypes.has(t));
  if (unknown.length) throw new Error(`blob store: these media types can never be detected: ${unknown.join(', ')}`);
}

/** Validates UTF-8 incrementally and refuses NUL bytes. */
export class TextValidator {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  /** False once the bytes seen so far cannot be UTF-8 text. */
  feed(chunk: Uint8Array): boolean {
    if (chunk.includes(0)) return false;
    return this.attempt(() => this.decoder.decode(chunk, { stream: true }));
  }

  /** False when the input ended inside a multi-byte character. */
  end(): boolean {
    return this.attempt(() => this.decoder.decode());
  }

  private attempt(decode: () => string): boolean {
    try {
      decode();
      return true;
    } catch {
      return false;
    }
  }
}

function looksLikeText(head: Uint8Array, complete: boolean): boolean {
  const v = new TextValidator();
  return v.feed(head) && (!complete || v.end());
}

/**
 * The media type of content from its first bytes. Magic bytes win, except that content they call a
 * refused type (CSV starting with "BM" looks like a BMP) is text/plain when it is valid text.
 * Returns undefined when a ZIP head is too short to tell an Office file from a plain ZIP.
 */
export async function detectMediaType(
  head: Uint8Array,
  complete: boolean,
  allowed: ReadonlySet<string>,
): Promise<string | undefined> {
  const sniffed = (await fileTypeFromBuffer(head))?.mime;
  if (sniffed === ZIP && !complete && head.length < ZIP_SNIFF_BYTES) return undefined;
  const text = looksLikeText(head, complete);
  if (sniffed && (allowed.has(sniffed) || !text)) return sniffed;
  return text ? TEXT_PLAIN : (sniffed ?? OCTET_STREAM);
}

/** A pass-through stream that refuses content whose sniffed type is not allowed, or that is empty. */
export interface TypeGate {
  readonly stream: Transform;
  /** The detected type; call once the stream has finished. */
  mediaType(): string;
}

function refused(detected: string, allowed: ReadonlySet<string>): DomainError {
  return new DomainError('BLOB_TYPE_NOT_ALLOWED', { detected, allowed: [...allowed] });
}

/**
 * Holds back only the head (SNIFF_BYTES, or ZIP_SNIFF_BYTES for a ZIP) until its type is known,
 * then lets everything through; text/plain content is validated to its last byte.
 */
export function createTypeGate(allowed: ReadonlySet<string>): TypeGate {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let mediaType: string | undefined;
  let text: TextValidator | undefined;

  const textError = (ok: boolean) => (ok ? null : refused(OCTET_STREAM, allowed));

  async function decide(complete: boolean): Promise<Buffer | undefined> {
    const head = Buffer.concat(held, heldBytes);
    const detected = await detectMediaType(head, complete, allowed);
    if (detected === undefined) return undefined; // a ZIP: keep holding up to ZIP_SNIFF_BYTES
    if (!allowed.has(detected)) throw refused(detected, allowed);
    mediaType = detected;
    if (detected === TEXT_PLAIN) (text = new TextValidator()).feed(head);
    held = [];
    return head;
  }

  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (mediaType !== undefined) {
        callback(text ? textError(text.feed(chunk)) : null, chunk);
        return;
      }
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < SNIFF_BYTES) return callback();
      decide(false).then((out) => callback(null, out), callback);
    },
    flush(callback: TransformCallback) {
      if (mediaType !== undefined) return callback(text ? textError(text.end()) : null);
      if (heldBytes === 0) return callback(new DomainError('BLOB_EMPTY'));
      decide(true).then((out) => callback(null, out), callback);
    },
  });

  return {
    stream,
    mediaType() {
      if (mediaType === undefined) throw new Error('blob store: media type asked before the stream finished');
      return mediaType;
    },
  };
}
