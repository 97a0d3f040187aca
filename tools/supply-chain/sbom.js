// @ts-check
/**
 * The CycloneDX SBOM of what a production install runs (issue 13 item 7): `npm sbom` of the whole
 * tree, less the packages only development needs, as the lockfile marks them (`"dev": true`).
 *
 * Why not `npm sbom --omit dev` alone: npm drops a production package that is also reached through
 * a development edge (npm/cli#7909); here that lost react, react-dom and tsx. npm also names a
 * workspace by its folder ("api" for @dargah/api) and the project by the checkout's folder; both
 * get their package names back.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * @typedef {{ 'bom-ref'?: string, name: string, version?: string, group?: string, purl?: string, [k: string]: unknown }} Component
 * @typedef {{ ref: string, dependsOn?: string[] }} Dependency
 * @typedef {{ bomFormat?: string, specVersion?: string, serialNumber?: string, metadata?: { component?: Component, [k: string]: unknown }, components?: Component[], dependencies?: Dependency[], [k: string]: unknown }} Bom
 * @typedef {{ name?: string, version?: string, dev?: boolean, link?: boolean, dependencies?: Record<string, string> }} LockEntry
 * @typedef {{ name?: string, packages: Record<string, LockEntry> }} Lockfile
 */

/** `name@version` of a lockfile entry, from its `name` or its path (`…/node_modules/@scope/name`). */
function lockKey(/** @type {string} */ where, /** @type {LockEntry} */ entry) {
  const name = entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
  return `${name}@${entry.version}`;
}

/** The package name a bom-ref names (`@scope/name@1.2.3` → `@scope/name`). */
export const refName = (/** @type {string} */ ref) => ref.slice(0, ref.lastIndexOf('@') > 0 ? ref.lastIndexOf('@') : ref.length);

/**
 * The production SBOM: the components a production install needs, with the dependency graph
 * between them. A component is development-only when every lockfile copy of its name@version is
 * marked dev; one the lockfile does not know is kept (better listed than missed).
 * @param {Bom} full `npm sbom --sbom-format cyclonedx` of the whole tree
 * @param {Lockfile} lock package-lock.json
 * @returns {Bom}
 */
export function productionBom(full, lock) {
  /** @type {Map<string, boolean>} name@version → needed in production */
  const needed = new Map();
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where === '' || entry.link || !entry.version) continue;
    const key = lockKey(where, entry);
    needed.set(key, (needed.get(key) ?? false) || !entry.dev);
  }
  const keep = (/** @type {string | undefined} */ ref) => ref === undefined || needed.get(ref) !== false;
  const components = (full.components ?? []).filter((c) => keep(c['bom-ref'])).map((c) => {
    const ref = c['bom-ref'];
    // A workspace is named by its folder: give it its package name.
    return ref && ref.startsWith('@') && !c.name.startsWith('@') && !c.group ? { ...c, name: refName(ref) } : c;
  });
  const kept = new Set(components.map((c) => c['bom-ref']));
  const root = full.metadata?.component?.['bom-ref'];
  const dependencies = (full.dependencies ?? [])
    .filter((d) => d.ref === root || kept.has(d.ref))
    .map((d) => ({ ...d, dependsOn: (d.dependsOn ?? []).filter((r) => kept.has(r)) }));
  const metadata = full.metadata?.component && lock.name ? { ...full.metadata, component: { ...full.metadata.component, name: lock.name } } : full.metadata;
  return { ...full, metadata, components, dependencies };
}

/**
 * What is wrong with an SBOM, as sentences (none: it is good): its format, the packages it must
 * list (at the installed version when given) and the ones it must not.
 * @param {unknown} bom
 * @param {{ required: Record<string, string | undefined>, forbidden: string[] }} expect
 * @returns {string[]}
 */
export function bomProblems(bom, expect) {
  const b = /** @type {Bom} */ (bom);
  if (typeof bom !== 'object' || bom === null) return ['not a JSON object'];
  const problems = [];
  if (b.bomFormat !== 'CycloneDX') problems.push(`bomFormat is ${JSON.stringify(b.bomFormat)}, not "CycloneDX"`);
  if (typeof b.specVersion !== 'string' || !/^1\.\d+$/.test(b.specVersion)) problems.push('no CycloneDX specVersion');
  if (!Array.isArray(b.components) || b.components.length === 0) return [...problems, 'no components'];
  /** @type {Map<string, Set<string>>} */
  const versions = new Map();
  for (const c of b.components) {
    const name = c['bom-ref'] ? refName(c['bom-ref']) : c.name;
    versions.set(name, (versions.get(name) ?? new Set()).add(String(c.version)));
    if (c.purl !== undefined && !String(c.purl).startsWith('pkg:npm/')) problems.push(`${name}: purl ${c.purl} is not an npm package URL`);
  }
  for (const [name, version] of Object.entries(expect.required)) {
    const found = versions.get(name);
    if (!found) problems.push(`${name} is not listed`);
    else if (version && !found.has(version)) problems.push(`${name} is listed at ${[...found].join(', ')}, not the installed ${version}`);
  }
  for (const name of expect.forbidden) if (versions.has(name)) problems.push(`${name} is listed, but only development needs it`);
  return problems;
}

/**
 * The packages the SBOM of this repository must list (every workspace's production dependencies,
 * at the version installed where it is installed) and some it must not (development tools).
 * @param {string} root
 */
export function expectationsOf(root) {
  const read = (/** @type {string} */ f) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  const rootPkg = read('package.json');
  /** @type {Record<string, string | undefined>} */
  const required = {};
  for (const ws of /** @type {string[]} */ (rootPkg.workspaces)) {
    for (const name of Object.keys(read(`${ws}/package.json`).dependencies ?? {})) {
      // Node's resolution: the workspace's own node_modules first, then the root's.
      const installed = [path.join(root, ws, 'node_modules', name, 'package.json'), path.join(root, 'node_modules', name, 'package.json')].find((f) => fs.existsSync(f));
      required[name] = installed ? JSON.parse(fs.readFileSync(installed, 'utf8')).version : undefined;
    }
  }
  // (typescript is not among them: i18next names it as an optional peer, so npm keeps it for production.)
  const forbidden = ['vitest', 'eslint', 'prettier', 'vite', 'playwright-core', 's3rver', 'oidc-provider'].filter((n) => !(n in required));
  return { required, forbidden };
}

/**
 * Runs `npm sbom` in `root` and returns the production SBOM.
 * @param {string} root
 * @param {{ packageLockOnly?: boolean }} [o]
 * @returns {Bom}
 */
export function buildSbom(root, o = {}) {
  const args = ['sbom', '--sbom-format', 'cyclonedx', '--sbom-type', 'application', ...(o.packageLockOnly ? ['--package-lock-only'] : [])];
  const res = spawnSync('npm', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${res.status}):\n${res.stderr}`);
  return productionBom(JSON.parse(res.stdout), JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')));
}
