import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { ROOT } from './workspace.js';

RuleTester.describe = describe;
RuleTester.it = it;

/** A RuleTester that parses TypeScript (type-only imports, `import x = require()`, `typeof import()`). */
export const tester = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    ecmaVersion: 2023,
    sourceType: 'module',
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

/** An absolute file name in this repository (the files need not exist). */
export const at = (rel: string) => `${ROOT}/${rel}`;
