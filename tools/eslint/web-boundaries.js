// @ts-check
/**
 * The web app's boundaries (apps/web/src; docs/ARCHITECTURE.md, ADR 0014):
 *  - a feature reaches another feature only through its index.ts;
 *  - app/ (and main.tsx) composes features through their index.ts, routes.tsx and messages.ts only;
 *  - lib/ and components/ are shared and know no feature and not the app.
 * Tests may reach what they test. Every import form counts (see workspace.js).
 */
import { excused } from './allow-list.js';
import { fromRoot, importVisitors, resolveSpecifier, stripExt } from './workspace.js';

const WEB = 'apps/web/src/';
/** What app/ may import of a feature. */
export const APP_ENTRIES = ['index', 'routes', 'messages'];

/**
 * @param {string} rel root-relative path
 * @returns {{ area: 'feature', feature: string, entry: string } | { area: 'app' | 'shared' | 'other' | 'elsewhere' }}
 */
export function webPlace(rel) {
  const p = stripExt(rel);
  if (!p.startsWith(WEB)) return { area: 'elsewhere' };
  const rest = p.slice(WEB.length);
  const f = /^features\/([^/]+)(?:\/(.+))?$/.exec(rest);
  if (f) return { area: 'feature', feature: /** @type {string} */ (f[1]), entry: f[2] ?? 'index' };
  if (rest.startsWith('app/') || rest === 'main') return { area: 'app' };
  if (rest.startsWith('lib/') || rest.startsWith('components/')) return { area: 'shared' };
  return { area: 'other' };
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Enforce the web app's feature boundaries" },
    messages: {
      feature: "Feature '{{here}}' may use feature '{{target}}' only through its index.ts, not '{{spec}}'.",
      app: "app/ composes feature '{{target}}' through its index.ts, routes.tsx or messages.ts, not '{{spec}}'.",
      shared: "lib/ and components/ are shared by every feature: they may not import '{{spec}}' ({{what}}).",
    },
    schema: [],
  },
  create(context) {
    const hereRel = fromRoot(context.filename);
    const here = webPlace(hereRel);
    if (here.area === 'elsewhere' || here.area === 'other' || /\.test\.[jt]sx?$/.test(hereRel)) return {};
    return importVisitors((node, spec) => {
      const resolved = resolveSpecifier(context.filename, spec);
      if (!resolved) return;
      const to = stripExt(resolved.rel);
      const target = webPlace(resolved.rel);
      /** @param {string} messageId @param {Record<string, string>} data */
      const report = (messageId, data) => {
        if (!excused('web-boundaries', hereRel, to)) context.report({ node, messageId, data: { spec, ...data } });
      };
      if (here.area === 'shared' && (target.area === 'feature' || target.area === 'app')) {
        return report('shared', {
          what: target.area === 'app' ? 'the app' : `feature ${'feature' in target ? target.feature : ''}`,
        });
      }
      if (target.area !== 'feature') return;
      if (here.area === 'feature' && target.feature !== here.feature && target.entry !== 'index') {
        return report('feature', { here: here.feature, target: target.feature });
      }
      if (here.area === 'app' && !APP_ENTRIES.includes(target.entry)) report('app', { target: target.feature });
    });
  },
};

export default rule;
