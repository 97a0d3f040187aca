// @ts-check
/**
 * Lints the repository with Dargah's boundary rules only (no type information, so in seconds):
 * what boundaries-tree.test.ts checks, and `node tools/eslint/lint-tree.js` prints.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from './index.js';
import { ROOT } from './workspace.js';

/** @type {import('eslint').Linter.RulesRecord} */
export const BOUNDARY_RULES = Object.fromEntries(
  Object.keys(plugin.rules).map((r) => [`dargah/${r}`, /** @type {const} */ ('error')]),
);

/** @returns {Promise<{ file: string, line: number, rule: string, message: string }[]>} the boundary problems in the tree */
export async function lintTree() {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
      { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'e2e/output/**', 'bench/results/**', 'coverage/**'] },
      {
        files: ['**/*.{js,mjs,cjs,ts,tsx}'],
        languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { dargah: plugin },
        rules: BOUNDARY_RULES,
      },
    ],
  });
  const results = await eslint.lintFiles(['.']);
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.fatal || m.ruleId?.startsWith('dargah/'))
      .map((m) => ({
        file: r.filePath.slice(ROOT.length + 1),
        line: m.line,
        rule: m.ruleId ?? 'parse',
        message: m.message,
      })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const p of await lintTree()) console.log(`${p.file}:${p.line} ${p.rule} ${p.message}`);
  const { TEMPORARY, used } = await import('./allow-list.js');
  for (const e of TEMPORARY) if (!used.has(e)) console.log(`unused allow-list entry: ${JSON.stringify(e)}`);
}
