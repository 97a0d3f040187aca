// @ts-check
/**
 * SQL lives only in repositories (`*.repository.ts`) and in platform/ (docs/ARCHITECTURE.md,
 * ADR 0014). Elsewhere in the API this refuses: an import of the SQL builder or a database driver,
 * a `sql` tagged template or `sql.raw(...)`-style call, `.query(...)`/`.execute(...)` given a string,
 * and a string that reads as a statement (`SELECT `, `INSERT INTO `, `UPDATE x SET `, `DELETE FROM `,
 * `WITH x AS (`, written in capitals as SQL is here). Tests and the test harness may query.
 */
import { excused } from './allow-list.js';
import { fromRoot, importVisitors } from './workspace.js';

/** The packages that write or run SQL. */
export const SQL_PACKAGES = ['drizzle-orm', 'pg', '@electric-sql/pglite', 'postgres'];
const STATEMENT = /^\s*(?:SELECT\s|INSERT\s+INTO\s|UPDATE\s+\S+\s+SET\s|DELETE\s+FROM\s|WITH\s+\S+\s+AS\s*\()/;
const RUNNERS = new Set(['query', 'execute']);

/** @param {string} rel a root-relative file @returns {boolean} whether the rule applies to it */
export function sqlForbiddenIn(rel) {
  if (!rel.startsWith('apps/api/src/')) return false;
  if (rel.startsWith('apps/api/src/platform/')) return false;
  return !/\.(?:repository|test)\.[cm]?[jt]sx?$/.test(rel);
}

/** @param {any} n */
const isString = (n) => n && ((n.type === 'Literal' && typeof n.value === 'string') || n.type === 'TemplateLiteral');
/** The text of a string literal or template (each `${…}` as `?`). @param {any} n */
export const textOf = (n) =>
  n.type === 'Literal' ? String(n.value) : n.quasis.map((/** @type {any} */ q) => q.value.cooked ?? '').join('?');

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep SQL in repositories and platform/' },
    messages: {
      builder: "'{{spec}}' writes or runs SQL: only a repository (*.repository.ts) or platform/ may import it.",
      tag: 'SQL belongs in a repository (*.repository.ts) or platform/: call a repository function instead.',
      runner: '.{{name}}() with a statement is SQL: it belongs in a repository (*.repository.ts) or platform/.',
      statement: 'This string is a SQL statement: it belongs in a repository (*.repository.ts) or platform/.',
    },
    schema: [],
  },
  create(context) {
    const rel = fromRoot(context.filename);
    if (!sqlForbiddenIn(rel)) return {};
    /** @param {any} node @param {string} messageId @param {Record<string, string>} [data] */
    const report = (node, messageId, data = {}) => {
      if (!excused('sql-placement', rel)) context.report({ node, messageId, data });
    };
    const reported = new WeakSet();
    return {
      ...importVisitors((node, spec) => {
        if (SQL_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`))) report(node, 'builder', { spec });
      }),
      TaggedTemplateExpression(/** @type {any} */ node) {
        const tag = node.tag.type === 'MemberExpression' ? node.tag.object : node.tag;
        if (tag.type === 'Identifier' && tag.name === 'sql') {
          reported.add(node.quasi);
          report(node, 'tag');
        }
      },
      CallExpression(/** @type {any} */ node) {
        const c = node.callee;
        if (c.type !== 'MemberExpression') return;
        if (c.object.type === 'Identifier' && c.object.name === 'sql') return report(node, 'tag');
        const name = c.property.type === 'Identifier' ? c.property.name : undefined;
        if (name && RUNNERS.has(name) && isString(node.arguments[0])) {
          reported.add(node.arguments[0]);
          report(node, 'runner', { name });
        }
      },
      Literal(/** @type {any} */ node) {
        if (typeof node.value === 'string' && !reported.has(node) && STATEMENT.test(node.value))
          report(node, 'statement');
      },
      TemplateLiteral(/** @type {any} */ node) {
        if (!reported.has(node) && STATEMENT.test(textOf(node))) report(node, 'statement');
      },
    };
  },
};

export default rule;
