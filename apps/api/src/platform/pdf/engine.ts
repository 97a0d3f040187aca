import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { DomainError } from '../http/errors';

/*
 * The one Typst compiler of the process (ADR 0021). It is made on the first render and kept: the
 * Vazirmatn files are read and parsed once, and Typst's memoised layout makes the next renders of a
 * template fast (about 40 ms for the first, a few ms after). Typst compiles synchronously on the
 * calling thread, so renders never overlap: `compile` maps the template and its assets, compiles
 * and writes the PDF in one synchronous step.
 *
 * The compiler's project root is the repo's template folder, and Typst refuses to read outside its
 * root; templates and assets that are not files there (an agency's template, a logo) are laid over
 * the root in memory under content-addressed names (`/.t/<sha256>.typ`, `/.a/<sha256>.png`), so two
 * renders never see each other's files.
 */

export const TEMPLATE_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');

/** The Vazirmatn weights the templates use; only these fonts exist for the compiler. */
const FONT_WEIGHTS = ['Regular', 'Bold'] as const;

function fontFiles(): Buffer[] {
  const pkg = createRequire(import.meta.url).resolve('vazirmatn/package.json');
  return FONT_WEIGHTS.map((w) => fs.readFileSync(path.join(path.dirname(pkg), 'fonts', 'ttf', `Vazirmatn-${w}.ttf`)));
}

/** Kept logos and other images; past this many, the oldest is dropped from the compiler's memory. */
const MAX_ASSETS = 64;
/** Typst's memo cache is trimmed after this many renders (entries unused for 10 trims go). */
const EVICT_EVERY = 16;

export type AssetType = 'png' | 'jpeg' | 'svg';

export interface CompiledPdf {
  pdf: Buffer;
  pages: number;
}

interface Diagnostic {
  message?: string;
  path?: string;
}

class TypstEngine {
  private compiler: NodeCompiler | undefined;
  private readonly assets = new Map<string, string>();
  private readonly templates = new Set<string>();
  private renders = 0;

  private get(): NodeCompiler {
    this.compiler ??= NodeCompiler.create({ workspace: TEMPLATE_ROOT, fontArgs: [{ fontBlobs: fontFiles() }] });
    return this.compiler;
  }

  /** Makes bytes available to templates; returns the root-relative path that `image()` takes. */
  asset(bytes: Uint8Array, type: AssetType): string {
    const name = `/.a/${createHash('sha256').update(bytes).digest('hex')}.${type === 'jpeg' ? 'jpg' : type}`;
    if (this.assets.has(name)) {
      this.assets.delete(name); // kept most recently used last
    } else {
      this.get().mapShadow(TEMPLATE_ROOT + name, Buffer.from(bytes));
      if (this.assets.size >= MAX_ASSETS) {
        const oldest = this.assets.keys().next().value;
        if (oldest) {
          this.get().unmapShadow(TEMPLATE_ROOT + oldest);
          this.assets.delete(oldest);
        }
      }
    }
    this.assets.set(name, name);
    return name;
  }

  /** Compiles a template (its source, named by its hash) with `data` as `sys.inputs.data`. */
  compile(template: { source: string; version: string }, data: unknown): CompiledPdf {
    const compiler = this.get();
    const main = `${TEMPLATE_ROOT}/.t/${template.version}.typ`;
    if (!this.templates.has(main)) {
      compiler.addSource(main, template.source);
      this.templates.add(main);
    }
    let pdf: Buffer;
    let pages: number;
    try {
      const result = compiler.compile({ mainFilePath: main, inputs: { data: JSON.stringify(data) } });
      const document = result.result;
      if (result.hasError() || !document)
        throw templateFailed(result.takeDiagnostics()?.shortDiagnostics as Diagnostic[] | undefined);
      pages = document.numOfPages;
      pdf = compiler.pdf(document);
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw templateFailed([{ message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      if (++this.renders % EVICT_EVERY === 0) compiler.evictCache(10);
    }
    return { pdf, pages };
  }
}

/** What Typst said, without the server's paths; an image Typst cannot decode is the caller's fault. */
function templateFailed(diagnostics: Diagnostic[] = []): DomainError {
  const messages = diagnostics.slice(0, 5).map((d) =>
    String(d.message ?? '')
      .replaceAll(TEMPLATE_ROOT, '')
      .slice(0, 300),
  );
  if (messages.some((m) => /decode (image|svg)|failed to parse svg|unknown image format/i.test(m))) {
    return new DomainError('PDF_IMAGE_INVALID', { diagnostics: messages });
  }
  return new DomainError('PDF_TEMPLATE_FAILED', { diagnostics: messages });
}

/** The process's compiler, made on first use. */
export const engine = new TypstEngine();
