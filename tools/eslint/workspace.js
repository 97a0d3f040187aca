// @ts-check
/**
 * Where a file lives and where an import specifier points, for the boundary rules. Every import
 * form ends up here as a path relative to the repository root: relative specifiers, `@/` and `~/`
 * aliases (the importing workspace's src/), absolute paths, and workspace packages named by
 * themselves or by another workspace (`@dargah/api/src/...` is a path inside apps/api).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: tools/eslint/../.. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Aliases some tools configure for "this workspace's src/": resolved so that an alias cannot hide an import. */
export const SRC_ALIASES = ['@/', '~/'];

/** @returns {{ dir: string, name: string, exports: { key: RegExp, target: string }[] }[]} the npm workspaces (and what their package.json exports publish), read from the root package.json. */
function readWorkspaces() {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  /** @type {string[]} */
  const dirs = root.workspaces ?? [];
  return dirs.map((dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'));
    const exp = pkg.exports && typeof pkg.exports === 'object' ? pkg.exports : {};
    /** @type {{ key: RegExp, target: string }[]} */
    const exports = Object.entries(exp)
      .filter(([k, v]) => k.startsWith('.') && typeof v === 'string')
      .map(([k, v]) => ({
        key: new RegExp(`^${k.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '(.+)')}$`),
        target: String(v),
      }));
    return { dir, name: String(pkg.name), exports };
  });
}
export const WORKSPACES = readWorkspaces();

/** @param {string} file an absolute path @returns {string} the path from the root, with forward slashes */
export function fromRoot(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** @param {string} rel a root-relative path @returns {string | undefined} the workspace directory holding it */
export function workspaceOf(rel) {
  return WORKSPACES.find((w) => rel === w.dir || rel.startsWith(`${w.dir}/`))?.dir;
}

/**
 * Where `spec`, imported from `file`, points: a root-relative path (without guessing extensions),
 * or undefined for a third-party package. `viaName` tells that a workspace was named as a package.
 * @param {string} file absolute path of the importing file
 * @param {string} spec the specifier as written
 * @returns {{ rel: string, viaName: boolean, published?: boolean } | undefined}
 */
export function resolveSpecifier(file, spec) {
  if (spec.startsWith('file://')) spec = fileURLToPath(spec);
  if (spec.startsWith('.')) return { rel: fromRoot(path.resolve(path.dirname(file), spec)), viaName: false };
  if (path.isAbsolute(spec)) return { rel: fromRoot(path.resolve(spec)), viaName: false };
  const alias = SRC_ALIASES.find((a) => spec.startsWith(a));
  if (alias) {
    const ws = workspaceOf(fromRoot(file));
    const base = ws ? `${ws}/src` : 'src';
    return { rel: path.posix.normalize(`${base}/${spec.slice(alias.length)}`), viaName: false };
  }
  const pkg = WORKSPACES.find((w) => spec === w.name || spec.startsWith(`${w.name}/`));
  if (pkg) {
    const sub = spec === pkg.name ? '.' : `.${spec.slice(pkg.name.length)}`;
    for (const e of pkg.exports) {
      const m = e.key.exec(sub);
      if (m)
        return {
          rel: path.posix.normalize(`${pkg.dir}/${e.target.replace('*', m[1] ?? '')}`),
          viaName: true,
          published: true,
        };
    }
    return {
      rel: path.posix.normalize(`${pkg.dir}/${sub}`),
      viaName: true,
      published: pkg.exports.length === 0 && sub === '.',
    };
  }
  return undefined;
}

/** A root-relative path without its script extension (`a/b.test.ts` -> `a/b.test`). @param {string} rel */
export const stripExt = (rel) => rel.replace(/\.(?:[cm]?[jt]sx?|d\.ts)$/, '');

/**
 * Calls `check(node, spec, typeOnly)` for every import form: import and export-from declarations,
 * dynamic import(), require(), `import x = require()`, and `typeof import('x')` types.
 * @param {(node: any, spec: string, typeOnly: boolean) => void} check
 * @returns {import('eslint').Rule.RuleListener}
 */
export function importVisitors(check) {
  /** @param {any} n @returns {string | undefined} */
  const literal = (n) => {
    if (!n) return undefined;
    if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
    if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
    if (n.type === 'TSLiteralType') return literal(n.literal);
    return undefined;
  };
  /** @param {any} node @param {any} source @param {boolean} typeOnly */
  const visit = (node, source, typeOnly) => {
    const spec = literal(source);
    if (spec !== undefined) check(node, spec, typeOnly);
  };
  return /** @type {any} */ ({
    ImportDeclaration: (/** @type {any} */ n) =>
      visit(
        n,
        n.source,
        n.importKind === 'type' ||
          (n.specifiers.length > 0 && n.specifiers.every((/** @type {any} */ s) => s.importKind === 'type')),
      ),
    ExportNamedDeclaration: (/** @type {any} */ n) => n.source && visit(n, n.source, n.exportKind === 'type'),
    ExportAllDeclaration: (/** @type {any} */ n) => visit(n, n.source, n.exportKind === 'type'),
    ImportExpression: (/** @type {any} */ n) => visit(n, n.source, false),
    CallExpression: (/** @type {any} */ n) => {
      if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1)
        visit(n, n.arguments[0], false);
    },
    TSImportEqualsDeclaration: (/** @type {any} */ n) =>
      n.moduleReference.type === 'TSExternalModuleReference' &&
      visit(n, n.moduleReference.expression, n.importKind === 'type'),
    TSImportType: (/** @type {any} */ n) => visit(n, n.argument, true),
  });
}
