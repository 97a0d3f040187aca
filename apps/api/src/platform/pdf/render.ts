import { DomainError } from '../http/errors';
import type { Lang } from '../http/i18n';
import {
  parseDocumentData,
  PAPER_SIZES,
  templateData,
  type DocumentData,
  type PaperSize,
  type PdfImage,
} from './documents';
import { engine } from './engine';
import { DOCUMENT_KINDS, repoTemplates, resolveTemplate, type DocumentKind, type TemplateResolver } from './templates';
import { guardDocumentText } from './text';

export interface RenderOptions {
  /** A4 (the default) or A5. */
  paper?: PaperSize;
  /** Whose template to use, when the renderer has agency resolvers; the repo's otherwise. */
  agencyId?: string;
  /** The language of the field messages in a TEXT_NOT_ALLOWED refusal. */
  lang?: Lang;
}

export interface RenderedDocument {
  pdf: Buffer;
  pages: number;
  template: { origin: 'repo' | 'agency'; version: string };
}

export interface PdfRenderer {
  /** The document as PDF bytes. */
  renderPdf<K extends DocumentKind>(
    this: void,
    kind: K,
    data: DocumentData[K],
    options?: RenderOptions,
  ): Promise<Buffer>;
  /** The PDF with its page count and the template (origin, version) it came from. */
  renderDocument<K extends DocumentKind>(
    this: void,
    kind: K,
    data: DocumentData[K],
    options?: RenderOptions,
  ): Promise<RenderedDocument>;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The picture is what it says it is (PNG and JPEG by their signatures, SVG by an <svg element). */
function checkImage(image: PdfImage): void {
  const { bytes, type } = image;
  const ok =
    type === 'png'
      ? startsWith(bytes, PNG)
      : type === 'jpeg'
        ? startsWith(bytes, JPEG)
        : /<svg[\s>]/.test(Buffer.from(bytes.subarray(0, 4096)).toString('utf8'));
  if (!ok) throw new DomainError('PDF_IMAGE_INVALID', { type });
}

/**
 * A renderer that looks for a kind's template with each resolver in turn (an agency's own first)
 * and falls back to the repo's. All renderers share the process's one warm compiler.
 */
export function createPdfRenderer(options: { templates?: readonly TemplateResolver[] } = {}): PdfRenderer {
  const resolvers = [...(options.templates ?? []), repoTemplates];

  async function renderDocument<K extends DocumentKind>(
    kind: K,
    data: DocumentData[K],
    opts: RenderOptions = {},
  ): Promise<RenderedDocument> {
    if (!DOCUMENT_KINDS.includes(kind))
      throw new DomainError('PDF_TEMPLATE_NOT_FOUND', { kind: String(kind).slice(0, 40) });
    const paper = opts.paper ?? 'A4';
    if (!PAPER_SIZES.includes(paper))
      throw new DomainError('PDF_DATA_INVALID', {
        kind,
        issues: [{ path: 'paper', code: 'invalid_value', message: 'A4 or A5' }],
      });
    const parsed = parseDocumentData(kind, guardDocumentText(data, opts.lang ?? 'fa'));
    const template = await resolveTemplate(resolvers, kind, opts.agencyId);
    const logo = parsed.agency.logo;
    if (logo) checkImage(logo);
    const input = await templateData(kind, parsed, paper);
    // From here to the PDF bytes nothing awaits: the logo's mapping and the compile are one step.
    if (logo) input.agency.logo = engine.asset(logo.bytes, logo.type);
    const { pdf, pages } = engine.compile(template, input);
    return { pdf, pages, template: { origin: template.origin, version: template.version } };
  }

  return {
    renderDocument,
    renderPdf: async (kind, data, opts) => (await renderDocument(kind, data, opts)).pdf,
  };
}

const repoRenderer = createPdfRenderer();

/** `renderPdf(kind, data, options)` with the repo's templates. */
export const renderPdf = repoRenderer.renderPdf;
/** `renderDocument(kind, data, options)` with the repo's templates. */
export const renderDocument = repoRenderer.renderDocument;
