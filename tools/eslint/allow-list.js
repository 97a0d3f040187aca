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
export const TEMPORARY = [];

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
