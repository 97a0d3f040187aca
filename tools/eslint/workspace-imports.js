// @ts-check
/**
 * Workspaces meet through their package names (ADR 0014): no file imports another workspace's
 * files by path (`../../packages/x/src`, `apps/web` reaching `apps/api/src`), nor a path inside a
 * workspace package that its `exports` do not publish (`@dargah/api/src/...`). And the packages stay
 * pure: @dargah/persian imports no workspace, @dargah/contracts only @dargah/persian, and the web app
 * never the API.
 */
import { excused } from './allow-list.js';
import { fromRoot, importVisitors, resolveSpecifier, stripExt, workspaceOf, WORKSPACES } from './workspace.js';

/** Which workspaces each workspace may import (those not listed may import any). */
export const MAY_IMPORT = {
  'packages/persian': [],
  'packages/contracts': ['packages/persian'],
  'apps/web': ['packages/persian', 'packages/contracts'],
};

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Import other workspaces by package name, and keep the packages pure' },
    messages: {
      byPath: "'{{spec}}' reaches into {{target}} by path: import its package ({{name}}) by name.",
      unpublished: "'{{spec}}' is not published by {{name}}'s package.json exports: import what the package exports.",
      pkg: '{{here}} may not import {{target}} ({{spec}}).',
    },
    schema: [],
  },
  create(context) {
    const hereRel = fromRoot(context.filename);
    const hereWs = workspaceOf(hereRel);
    return importVisitors((node, spec) => {
      const resolved = resolveSpecifier(context.filename, spec);
      if (!resolved) return;
      const to = stripExt(resolved.rel);
      const targetWs = workspaceOf(resolved.rel);
      /** @param {string} messageId @param {Record<string, string>} data */
      const report = (messageId, data) => {
        if (!excused('workspace-imports', hereRel, to)) context.report({ node, messageId, data: { spec, ...data } });
      };
      if (!targetWs || targetWs === hereWs) return;
      const name = WORKSPACES.find((w) => w.dir === targetWs)?.name ?? targetWs;
      const allowed = hereWs ? /** @type {Record<string, string[]>} */ (MAY_IMPORT)[hereWs] : undefined;
      if (hereWs && allowed && !allowed.includes(targetWs)) return report('pkg', { here: hereWs, target: name });
      if (!resolved.viaName) return report('byPath', { target: targetWs, name });
      if (!resolved.published) report('unpublished', { name });
    });
  },
};

export default rule;
