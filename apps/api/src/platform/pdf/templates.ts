import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DomainError } from '../http/errors';
import { TEMPLATE_ROOT } from './engine';

/*
 * Templates are Typst files, one per document kind: the repo's in ./templates, and an agency's own
 * where one is installed (a folder per agency, or a blob the caller looks up). A template is code,
 * written by the project or an agency's administrators, never by the people whose text it shows:
 * that text reaches it only as data. Every template may import the shared library as "/lib.typ".
 */

export const DOCUMENT_KINDS = ['receipt', 'letter', 'report', 'answer'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface TemplateSource {
  source: string;
  /** Where it came from: the repo's default or an agency's own. */
  origin: 'repo' | 'agency';
}

export interface ResolvedTemplate extends TemplateSource {
  /** SHA-256 of the shared library and the template: the version a document record keeps. */
  version: string;
}

/** Finds a kind's template for an agency; `undefined` passes the question to the next resolver. */
export interface TemplateResolver {
  resolve(kind: DocumentKind, agencyId: string | undefined): Promise<TemplateSource | undefined>;
}

/** Longest template accepted (the repo's are a few KB). */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

// Every import and include must name a file by a literal path: a package ("@preview/…") would be
// downloaded at render time, and a computed path could be one.
const IMPORT = /\b(?:import|include)\b/g;
const LITERAL_LOCAL_PATH = /^\s*"(?!@)[^"\n]*"/;

/** Refuses a template that is too long, not text, or imports anything but a local file. */
export function checkTemplateSource(source: string, name: string): void {
  if (Buffer.byteLength(source) > MAX_TEMPLATE_BYTES)
    throw new DomainError('PDF_TEMPLATE_REFUSED', { template: name, reason: 'TOO_LONG' });
  if (source.includes('\u0000')) throw new DomainError('PDF_TEMPLATE_REFUSED', { template: name, reason: 'NOT_TEXT' });
  for (const m of source.matchAll(IMPORT)) {
    if (!LITERAL_LOCAL_PATH.test(source.slice(m.index + m[0].length))) {
      throw new DomainError('PDF_TEMPLATE_REFUSED', { template: name, reason: 'IMPORT_NOT_A_LOCAL_FILE' });
    }
  }
}

let libHash: Promise<string> | undefined;
const libraryHash = () =>
  (libHash ??= fs
    .readFile(path.join(TEMPLATE_ROOT, 'lib.typ'))
    .then((b) => createHash('sha256').update(b).digest('hex')));

/** The first resolver's template for the kind, checked and versioned. */
export async function resolveTemplate(
  resolvers: readonly TemplateResolver[],
  kind: DocumentKind,
  agencyId: string | undefined,
): Promise<ResolvedTemplate> {
  for (const resolver of resolvers) {
    const found = await resolver.resolve(kind, agencyId);
    if (!found) continue;
    checkTemplateSource(found.source, `${found.origin}:${kind}`);
    const version = createHash('sha256')
      .update(await libraryHash())
      .update('\n')
      .update(found.source)
      .digest('hex');
    return { ...found, version };
  }
  throw new DomainError('PDF_TEMPLATE_NOT_FOUND', { kind });
}

const repoCache = new Map<DocumentKind, Promise<string>>();

/** The repo's templates (./templates/<kind>.typ), read once. */
export const repoTemplates: TemplateResolver = {
  async resolve(kind) {
    if (!DOCUMENT_KINDS.includes(kind)) return undefined;
    let source = repoCache.get(kind);
    if (!source) {
      source = fs.readFile(path.join(TEMPLATE_ROOT, `${kind}.typ`), 'utf8');
      repoCache.set(kind, source);
    }
    return { source: await source, origin: 'repo' };
  },
};

/** Agency ids that may name a folder or a blob key: no separators, no dots. */
const AGENCY_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** An agency's templates as `<dir>/<agencyId>/<kind>.typ`; an agency without one gets the next resolver's. */
export function directoryTemplates(dir: string): TemplateResolver {
  return {
    async resolve(kind, agencyId) {
      if (!agencyId || !AGENCY_KEY.test(agencyId) || !DOCUMENT_KINDS.includes(kind)) return undefined;
      try {
        return { source: await fs.readFile(path.join(dir, agencyId, `${kind}.typ`), 'utf8'), origin: 'agency' };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
  };
}

/**
 * An agency's templates from wherever the caller keeps them (the blob store, a settings row): the
 * lookup returns the template's bytes or text, or undefined for "use the default".
 */
export function storedTemplates(
  lookup: (agencyId: string, kind: DocumentKind) => Promise<Uint8Array | string | undefined>,
): TemplateResolver {
  return {
    async resolve(kind, agencyId) {
      if (!agencyId || !DOCUMENT_KINDS.includes(kind)) return undefined;
      const found = await lookup(agencyId, kind);
      if (found === undefined) return undefined;
      return { source: typeof found === 'string' ? found : Buffer.from(found).toString('utf8'), origin: 'agency' };
    },
  };
}
