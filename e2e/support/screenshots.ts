import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureOutputDir, safeFileName } from './paths';

/** Saves a full-page screenshot as `e2e/output/<name>.png` and returns its path. */
export async function snap(page: Page, name: string): Promise<string> {
  const path = join(ensureOutputDir(), `${safeFileName(name)}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
