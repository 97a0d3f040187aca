// @ts-check
/**
 * TEMPORARY exceptions to the boundary rules, in one place. Each entry names the issue item whose
 * work removes it; remove the entry when that work lands. `boundaries-tree.test.ts` lints the tree
 * with these rules and fails on an entry that no longer excuses anything, so a stale entry cannot
 * linger and quietly excuse a new violation.
 *
 * `from` and `to` are root-relative paths of the importing file and of the import's target (without
 * its extension); `*` matches within one folder, `**` across folders.
 *
 * @typedef {{ rule: string, from: string, to?: string, item: string, why: string }} Exception
 * @type {readonly Exception[]}
 */
export const TEMPORARY = [
  // --- Tables read across modules (table-ownership) -------------------------------------------
  ...reads('catalogue/catalogue-public.repository.ts', ['agencies', 'service_categories'], 'the public catalogue joins agency names and category titles'),
  ...reads('catalogue/catalogue.repository.ts', ['agencies'], "the desk's card lists join agency names and parents"),
  ...reads(
    'delivery-reports/reports.repository.ts',
    ['agencies', 'service_card_versions', 'service_cards', 'service_requests', 'services'],
    'agency names, and the discrepancy report over requests, services and cards in one set-based query',
  ),
  ...reads('licences/licences.repository.ts', ['agencies', 'service_card_versions', 'service_cards'], 'licence lists join cards in force and agency names'),
  ...reads(
    'service-architecture/architecture.repository.ts',
    ['agencies', 'catalogue_entries', 'service_card_versions', 'service_cards', 'staff'],
    'the architecture screens count and list the cards classified under a concept',
  ),
];

/**
 * Temporary exceptions for one module file that still names other modules' tables in its SQL.
 * @param {string} file under apps/api/src/modules/ @param {string[]} tables @param {string} why
 * @returns {Exception[]}
 */
function reads(file, tables, why) {
  return tables.map((to) => ({
    rule: 'table-ownership',
    from: `apps/api/src/modules/${file}`,
    to,
    item: 'issue 9 item 4 (no module reads another module\'s tables: ask the owner\'s index.ts)',
    why,
  }));
}

/** @param {string} glob */
const toRegExp = (glob) =>
  new RegExp(
    `^${glob
      .split('**')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
      .join('.*')}$`,
  );
const compiled = TEMPORARY.map((e) => ({
  e,
  from: toRegExp(e.from),
  to: e.to === undefined ? undefined : toRegExp(e.to),
}));

/** The entries that excused something in this process (read by boundaries-tree.test.ts). */
export const used = new Set();

/**
 * True when a temporary exception covers this finding.
 * @param {string} rule @param {string} from root-relative importing file @param {string} [to] root-relative target, no extension
 */
export function excused(rule, from, to) {
  const hit = compiled.find(
    (c) => c.e.rule === rule && c.from.test(from) && (c.to === undefined || (to !== undefined && c.to.test(to))),
  );
  if (hit) used.add(hit.e);
  return hit !== undefined;
}
