import { describe, expect, it } from 'vitest';
import { TEMPORARY, used } from './allow-list.js';
import { lintTree } from './lint-tree.js';

/*
 * The repository as it stands against the boundary rules (without type information, so quicker
 * than `npm run lint`, and ignoring inline eslint-disable comments: exceptions live in
 * allow-list.js only). Every temporary exception must still excuse something: when the work an
 * entry waits for lands, this test names the entry to delete.
 */
describe('the tree and its boundaries', () => {
  it('has no boundary problem, and every temporary exception is still needed', { timeout: 120_000 }, async () => {
    const problems = await lintTree();
    expect(problems.map((p) => `${p.file}:${p.line} ${p.rule} ${p.message}`)).toEqual([]);
    const stale = TEMPORARY.filter((e) => !used.has(e)).map((e) => `${e.rule} ${e.from} -> ${e.to ?? ''} (${e.item})`);
    expect(stale).toEqual([]);
  });

  it('names, for each temporary exception, the issue item that removes it and why it exists', () => {
    for (const e of TEMPORARY) {
      expect(e.item).toMatch(/^issue \d+ item \d+ \(.+\)$/);
      expect(e.why.length).toBeGreaterThan(10);
    }
  });
});
