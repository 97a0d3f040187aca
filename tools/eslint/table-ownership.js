// @ts-check
/**
 * No module reads or writes another module's tables (issue 9; docs/ARCHITECTURE.md): in a module's
 * code (tests aside), SQL text that names a table after FROM, JOIN, INTO, UPDATE, DELETE FROM or a
 * comma of a FROM list must name the module's own table or the platform's (keywords in any case inside
 * a `sql` template, in capitals in other strings, so prose such as 'from agencies' is not SQL). Ownership is data, in
 * `tables.js`. Another module's facts come from the owner's index.ts, called with the caller's db/tx.
 */
import { excused } from './allow-list.js';
import { textOf } from './sql-placement.js';
import { OWNER } from './tables.js';
import { fromRoot } from './workspace.js';

const MODULE_FILE = /^apps\/api\/src\/modules\/([^/]+)\/(?!.*\.test\.[cm]?[jt]sx?$)/;
/** A table named where a statement reads or writes one; `,` continues a FROM list (`FROM a x, b y`). */
const NAMED =
  /\b(?:FROM|JOIN|INTO|UPDATE|DELETE\s+FROM)\s+([a-z_][a-z0-9_]*)|,\s*([a-z_][a-z0-9_]*)\s+(?:AS\s+)?[a-z_][a-z0-9_]*\s*(?=WHERE\b|(?:LEFT\s+|INNER\s+)?JOIN\b|,|\)|$)/g;
const NAMED_ANY_CASE = new RegExp(NAMED.source, 'gi');

/** @param {string} text @param {boolean} [sqlTemplate] keywords in any case @returns {string[]} the tables the text names as read or written */
export function tablesNamed(text, sqlTemplate = false) {
  return [...text.matchAll(sqlTemplate ? NAMED_ANY_CASE : NAMED)].map((m) => (m[1] ?? m[2] ?? '').toLowerCase()).filter((t) => OWNER.has(t));
}


/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Keep each module's SQL to its own tables" },
    messages: {
      foreign:
        "'{{table}}' belongs to the {{owner}} module: ask its index.ts (with this db/tx) instead of reading or writing it here.",
    },
    schema: [],
  },
  create(context) {
    const rel = fromRoot(context.filename);
    const mine = MODULE_FILE.exec(rel)?.[1];
    if (!mine) return {};
    /** @param {any} node */
    const check = (node) => {
      const p = node.parent;
      const tagged = p?.type === 'TaggedTemplateExpression' && /^sql$/i.test(p.tag.type === 'MemberExpression' ? p.tag.object.name : p.tag.name);
      const seen = new Set();
      for (const table of tablesNamed(textOf(node), tagged)) {
        const owner = OWNER.get(table);
        if (owner === mine || seen.has(table)) continue;
        seen.add(table);
        if (!excused('table-ownership', rel, table)) context.report({ node, messageId: 'foreign', data: { table, owner } });
      }
    };
    return {
      Literal(/** @type {any} */ node) {
        if (typeof node.value === 'string') check(node);
      },
      TemplateLiteral: check,
    };
  },
};

export default rule;
