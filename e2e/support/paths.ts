import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root (the e2e folder's parent), whatever the current directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Screenshots, server log and axe reports of the last run (ignored by git): `e2e/output/`, or
 * `E2E_OUTPUT_DIR` (CI runs the PGlite and PostgreSQL journeys side by side, each with its own).
 */
export const OUTPUT_DIR = process.env.E2E_OUTPUT_DIR ? `${process.env.E2E_OUTPUT_DIR.replace(/\/+$/, '')}/` : fileURLToPath(new URL('../output/', import.meta.url));

export function ensureOutputDir(): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return OUTPUT_DIR;
}

/** A file-system-safe name: letters (any script), digits, `-` and `_` only. */
export function safeFileName(name: string): string {
  return (
    name
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 150) || 'unnamed'
  );
}
