// @ts-check
/**
 * Enforces the module boundaries of docs/ARCHITECTURE.md:
 *  - a module reaches another module only through its index.ts;
 *  - platform/ knows nothing of modules/;
 *  - inside a module, dependencies point one way: routes -> service -> jobs -> (workflow, policy, repository) -> platform;
 *    workflow tables are pure (no platform, no database);
 *  - packages/persian imports nothing of ours; packages/contracts imports only @dargah/persian;
 *  - the web app never imports the API.
 */
import path from 'node:path';

const LAYER = /[.-](routes|service|repository|workflow|policy|jobs)(?:\.tsx?)?$/;
const RANK = { routes: 4, service: 3, jobs: 2, policy: 1, repository: 1, workflow: 1 };

/** @param {string} file */
function where(file) {
  const f = file.split(path.sep).join('/');
  const m = /\/apps\/api\/src\/modules\/([^/]+)(?:\/(.*))?$/.exec(f);
  if (m) return { area: 'module', module: m[1], rest: m[2] ?? '' };
  if (/\/apps\/api\/src\/platform\//.test(f)) return { area: 'platform' };
  if (/\/packages\/persian\//.test(f)) return { area: 'persian' };
  if (/\/packages\/contracts\//.test(f)) return { area: 'contracts' };
  if (/\/apps\/web\//.test(f)) return { area: 'web' };
  return { area: 'other' };
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce Dargah module boundaries' },
    messages: {
      deepImport: "Import module '{{target}}' through its index.ts, not '{{spec}}'.",
      platformToModule: 'platform/ must not depend on modules/ (it has no domain rules).',
      layer: "'{{from}}' must not import '{{to}}': dependencies point routes -> service -> jobs -> (workflow, policy, repository) -> platform.",
      pureWorkflow: 'A workflow table is pure: it may not import the platform or other layers.',
      pkg: '{{pkg}} may not import {{spec}}.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const here = where(file);
    /** @param {import('estree').Node} node @param {string} spec */
    function check(node, spec) {
      if (here.area === 'persian' && (spec.startsWith('@dargah/') || spec.includes('/apps/'))) {
        return context.report({ node, messageId: 'pkg', data: { pkg: '@dargah/persian', spec } });
      }
      if (here.area === 'contracts' && ((spec.startsWith('@dargah/') && spec !== '@dargah/persian') || spec.includes('/apps/'))) {
        return context.report({ node, messageId: 'pkg', data: { pkg: '@dargah/contracts', spec } });
      }
      if (here.area === 'web' && (spec === '@dargah/api' || spec.startsWith('@dargah/api/') || spec.includes('apps/api'))) {
        return context.report({ node, messageId: 'pkg', data: { pkg: 'the web app', spec } });
      }
      if (!spec.startsWith('.')) return;
      const target = where(path.resolve(path.dirname(file), spec));
      if (here.area === 'platform' && target.area === 'module') return context.report({ node, messageId: 'platformToModule' });
      if (here.area !== 'module') return;
      if (target.area === 'module' && target.module !== here.module) {
        if (!(target.rest === '' || target.rest === 'index' || target.rest === 'index.ts')) {
          context.report({ node, messageId: 'deepImport', data: { target: target.module ?? '', spec } });
        }
        return;
      }
      const fromLayer = LAYER.exec(here.rest ?? '')?.[1];
      if (fromLayer === 'workflow' && (target.area === 'platform' || (target.area === 'module' && LAYER.test(target.rest ?? '')))) {
        return context.report({ node, messageId: 'pureWorkflow' });
      }
      const toLayer = target.area === 'module' ? LAYER.exec(target.rest ?? '')?.[1] : undefined;
      if (fromLayer && toLayer && fromLayer !== toLayer && RANK[/** @type {keyof RANK} */ (toLayer)] >= RANK[/** @type {keyof RANK} */ (fromLayer)]) {
        context.report({ node, messageId: 'layer', data: { from: fromLayer, to: toLayer } });
      }
    }
    return {
      ImportDeclaration: (n) => check(n, String(n.source.value)),
      ExportNamedDeclaration: (n) => n.source && check(n, String(n.source.value)),
      ExportAllDeclaration: (n) => check(n, String(n.source.value)),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, String(n.source.value)),
    };
  },
};

export default { rules: { 'module-boundaries': rule } };
