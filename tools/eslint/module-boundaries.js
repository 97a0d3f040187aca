// @ts-check
/**
 * The API's boundaries (docs/ARCHITECTURE.md, ADR 0014):
 *  - every file of a module has a role from its name, declared with its rank in roles.js;
 *  - inside a module a file imports its own role or a lower rank; routes and hooks never import a
 *    repository; pure files (workflows, models) import values only from pure files and packages;
 *  - platform/workflow/ (the workflow engine, ADR 0027) is pure too: module workflows may import it,
 *    and its own files import values only from each other and from packages;
 *  - a module reaches another module only through its index.ts, and never the composition root
 *    (modules/index.ts); the app's own files (app.ts, cli/, …) also use a module's index.ts only;
 *  - platform/ imports no module.
 * Seed data, the test harness and tests may reach a module's internals (they build fixtures).
 * Every import form counts (see workspace.js).
 */
import path from 'node:path';
import { excused } from './allow-list.js';
import { roleOf, ROLES } from './roles.js';
import { fromRoot, importVisitors, resolveSpecifier, stripExt } from './workspace.js';

const API = 'apps/api/';
const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
/** Platform folders that are pure (no database, no clock): pure module files may import them. */
const PURE_PLATFORM = ['apps/api/src/platform/workflow'];
/** @param {string} rel */
const inPurePlatform = (rel) => PURE_PLATFORM.some((dir) => rel === dir || rel.startsWith(`${dir}/`));

/**
 * @param {string} rel root-relative path, with or without extension
 * @returns {{ area: 'module', module: string, index: boolean, role: import('./roles.js').Role | undefined, base: string }
 *   | { area: 'composition' | 'platform' | 'fixture' | 'app' | 'elsewhere' }}
 */
export function apiPlace(rel) {
  const p = stripExt(rel);
  if (!p.startsWith(API)) return { area: 'elsewhere' };
  if (p === 'apps/api/src/modules/index' || p === 'apps/api/src/modules') return { area: 'composition' };
  const m = /^apps\/api\/src\/modules\/([^/]+)(?:\/(.+))?$/.exec(p);
  if (m) {
    const base = path.posix.basename(m[2] ?? 'index');
    return {
      area: 'module',
      module: /** @type {string} */ (m[1]),
      index: (m[2] ?? 'index') === 'index',
      role: roleOf(base),
      base,
    };
  }
  if (p.startsWith('apps/api/src/platform/')) return /\.test$/.test(p) ? { area: 'fixture' } : { area: 'platform' };
  if (p.startsWith('apps/api/src/seed/') || p.startsWith('apps/api/test/') || /\.test$/.test(p))
    return { area: 'fixture' };
  return { area: 'app' };
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Enforce the API's roles, ranks and module boundaries" },
    messages: {
      noRole:
        "'{{file}}' has no role: end its name with one of the roles declared in tools/eslint/roles.js ({{roles}}), or declare a new one there.",
      rank: 'A {{from}} file (rank {{fromRank}}) may not import a {{to}} file (rank {{toRank}}): inside a module imports point down the ranks of tools/eslint/roles.js.',
      never: 'A {{from}} file may not import a {{to}} file: the service reads the data and hands it over.',
      pure: "A {{from}} file is pure: it may not import '{{spec}}' (types only, with `import type`).",
      purePlatform: "platform/workflow is pure (no database, no clock): it may not import '{{spec}}' (types only, with `import type`).",
      deepImport: "Import module '{{target}}' through its index.ts, not '{{spec}}'.",
      compositionRoot: 'The composition root (modules/index.ts) imports the modules, never the other way round.',
      platformToModule: 'platform/ must not depend on modules/ (it has no domain rules).',
    },
    schema: [],
  },
  create(context) {
    const hereRel = fromRoot(context.filename);
    const here = apiPlace(hereRel);
    if (here.area === 'elsewhere') return {};
    /** @param {any} node @param {string} messageId @param {string | undefined} to @param {Record<string, string>} [data] */
    const report = (node, messageId, to, data = {}) => {
      if (!excused('module-boundaries', hereRel, to)) context.report({ node, messageId, data });
    };
    return {
      Program(node) {
        if (here.area === 'module' && !here.role && SCRIPT.test(hereRel) && !hereRel.endsWith('.d.ts')) {
          report(node, 'noRole', undefined, { file: hereRel, roles: ROLES.flatMap((r) => r.suffixes).join(' ') });
        }
      },
      ...importVisitors((node, spec, typeOnly) => {
        const resolved = resolveSpecifier(context.filename, spec);
        if (!resolved) return;
        const to = stripExt(resolved.rel);
        const target = apiPlace(resolved.rel);
        if (target.area === 'composition' && (here.area === 'module' || here.area === 'platform'))
          return report(node, 'compositionRoot', to);
        if (here.area === 'platform' && target.area === 'module') return report(node, 'platformToModule', to);
        if (here.area === 'module' && here.role?.pure && !typeOnly) {
          const samePure = target.area === 'module' && target.module === here.module && target.role?.pure;
          if (!samePure && !inPurePlatform(to) && (target.area !== 'elsewhere' || to.startsWith('apps/')))
            return report(node, 'pure', to, { from: here.role.role, spec });
        }
        if (here.area === 'platform' && inPurePlatform(hereRel) && !typeOnly && !inPurePlatform(to) && (target.area !== 'elsewhere' || to.startsWith('apps/')))
          return report(node, 'purePlatform', to, { spec });
        if (target.area !== 'module') return;
        const crossing = here.area !== 'module' || target.module !== here.module;
        if (crossing) {
          if (!target.index && here.area !== 'fixture' && !(here.area === 'module' && here.role?.role === 'test'))
            report(node, 'deepImport', to, { target: target.module, spec });
          return;
        }
        if (here.area !== 'module') return;
        const from = here.role;
        const toRole = target.role;
        if (!from || !toRole || from.role === toRole.role) return;
        if (from.never?.includes(toRole.role)) return report(node, 'never', to, { from: from.role, to: toRole.role });
        if (toRole.rank >= from.rank) {
          report(node, 'rank', to, {
            from: from.role,
            to: toRole.role,
            fromRank: String(from.rank),
            toRank: String(toRole.rank),
          });
        }
      }),
    };
  },
};

export default rule;
