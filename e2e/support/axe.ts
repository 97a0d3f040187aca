import { AxeBuilder } from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureOutputDir, safeFileName } from './paths';

/** WCAG 2.0, 2.1 and 2.2 levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

export interface AccessibilityOptions {
  /** CSS selectors left out of the scan (e.g. a third-party widget, with a reason in the test). */
  exclude?: string[];
}

/**
 * Runs axe on the page as it is now and fails on serious or critical violations, listing each
 * rule with the offending elements. Every violation found (any impact) is also written to
 * `e2e/output/axe-<label>.json` for reading later.
 */
export async function expectAccessible(page: Page, label: string, options: AccessibilityOptions = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();

  if (results.violations.length > 0) {
    writeFileSync(
      join(ensureOutputDir(), `axe-${safeFileName(label)}.json`),
      JSON.stringify({ url: results.url, violations: results.violations }, null, 2),
    );
  }

  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  if (blocking.length === 0) return;

  const lines = blocking.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      ${n.target.join(' ')}\n        ${(n.failureSummary ?? '').replace(/\n/g, '\n        ')}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `  - [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})\n    ${v.helpUrl}\n${nodes}${more}`;
  });
  throw new Error(`Accessibility violations on "${label}" (${results.url}):\n${lines.join('\n')}`);
}
