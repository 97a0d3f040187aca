import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allowListProblems, auditVerdict } from './audit.js';
import { bomProblems, buildSbom, expectationsOf, productionBom } from './sbom.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the production SBOM', () => {
  // As `npm sbom` gives it for a workspace project: the checkout's folder as the project's name, a
  // workspace named by its folder, a package shared by production and development, a dev-only one.
  const full = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    metadata: { component: { 'bom-ref': 'dargah@0.1.0', name: 'checkout-folder', version: '0.1.0' } },
    components: [
      { 'bom-ref': '@dargah/api@0.1.0', name: 'api', version: '0.1.0', purl: 'pkg:npm/%40dargah/api@0.1.0' },
      { 'bom-ref': 'fastify@5.12.8', name: 'fastify', version: '5.12.8', purl: 'pkg:npm/fastify@5.12.8' },
      { 'bom-ref': 'tsx@4.23.15', name: 'tsx', version: '4.23.15', purl: 'pkg:npm/tsx@4.23.15' },
      { 'bom-ref': 'vitest@4.1.12', name: 'vitest', version: '4.1.12', purl: 'pkg:npm/vitest@4.1.12' },
      { 'bom-ref': 'ajv@6.15.0', name: 'ajv', version: '6.15.0', purl: 'pkg:npm/ajv@6.15.0' },
      { 'bom-ref': 'ajv@8.20.0', name: 'ajv', version: '8.20.0', purl: 'pkg:npm/ajv@8.20.0' },
      { 'bom-ref': 'unknown@1.0.0', name: 'unknown', version: '1.0.0', purl: 'pkg:npm/unknown@1.0.0' },
    ],
    dependencies: [
      { ref: 'dargah@0.1.0', dependsOn: ['@dargah/api@0.1.0', 'vitest@4.1.12', 'tsx@4.23.15'] },
      { ref: '@dargah/api@0.1.0', dependsOn: ['fastify@5.12.8', 'tsx@4.23.15', 'ajv@8.20.0'] },
      { ref: 'vitest@4.1.12', dependsOn: ['tsx@4.23.15', 'ajv@6.15.0'] },
    ],
  };
  const lock = {
    name: 'dargah',
    packages: {
      '': { name: 'dargah', version: '0.1.0' },
      'apps/api': { name: '@dargah/api', version: '0.1.0' },
      'node_modules/@dargah/api': { link: true },
      'node_modules/fastify': { version: '5.12.8' },
      // A root devDependency that the API also needs: npm sbom --omit dev drops it (npm/cli#7909).
      'node_modules/tsx': { version: '4.23.15' },
      'node_modules/vitest': { version: '4.1.12', dev: true },
      'node_modules/ajv': { version: '6.15.0', dev: true },
      'apps/api/node_modules/ajv': { version: '8.20.0' },
    },
  };

  it('keeps what production needs, shared with development or not, and drops what only development needs, from the graph too', () => {
    const bom = productionBom(full, lock);
    expect(bom.components!.map((c) => c['bom-ref'])).toEqual(['@dargah/api@0.1.0', 'fastify@5.12.8', 'tsx@4.23.15', 'ajv@8.20.0', 'unknown@1.0.0']);
    expect(bom.dependencies).toEqual([
      { ref: 'dargah@0.1.0', dependsOn: ['@dargah/api@0.1.0', 'tsx@4.23.15'] },
      { ref: '@dargah/api@0.1.0', dependsOn: ['fastify@5.12.8', 'tsx@4.23.15', 'ajv@8.20.0'] },
    ]);
  });

  it('names the project and its workspaces by their package names', () => {
    const bom = productionBom(full, lock);
    expect(bom.metadata!.component!.name).toBe('dargah');
    expect(bom.components!.find((c) => c['bom-ref'] === '@dargah/api@0.1.0')!.name).toBe('@dargah/api');
    expect(bom.components!.find((c) => c['bom-ref'] === 'fastify@5.12.8')!.name).toBe('fastify');
  });

  it('is checked: CycloneDX, the packages it must list at their versions, none it must not', () => {
    const expectations = { required: { fastify: '5.12.8', tsx: undefined, ajv: '8.20.0' }, forbidden: ['vitest'] };
    expect(bomProblems(productionBom(full, lock), expectations)).toEqual([]);
    expect(bomProblems(full, expectations)).toEqual(['vitest is listed, but only development needs it']);
    expect(bomProblems({ ...productionBom(full, lock), bomFormat: 'SPDX' }, expectations)).toEqual(['bomFormat is "SPDX", not "CycloneDX"']);
    expect(bomProblems(productionBom(full, lock), { required: { fastify: '5.13.0', react: undefined }, forbidden: [] })).toEqual([
      'fastify is listed at 5.12.8, not the installed 5.13.0',
      'react is not listed',
    ]);
    expect(bomProblems({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [] }, expectations)).toEqual(['no components']);
    expect(bomProblems(null, expectations)).toEqual(['not a JSON object']);
    expect(bomProblems('{"bomFormat":"CycloneDX"}', expectations)).toEqual(['not a JSON object']);
  });

  it('of this repository lists every workspace’s production dependencies at their installed versions, fastify among them, and no test tool', () => {
    const expectations = expectationsOf(ROOT);
    expect(Object.keys(expectations.required)).toEqual(expect.arrayContaining(['fastify', 'pg', 'react', 'tsx', 'pino']));
    const bom = buildSbom(ROOT, { packageLockOnly: true });
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(JSON.parse(JSON.stringify(bom))).toEqual(bom);
    expect(bomProblems(bom, expectations)).toEqual([]);
    expect(bom.components!.some((c) => c.name === 'fastify' && c.purl === `pkg:npm/fastify@${expectations.required.fastify}`)).toBe(true);
  }, 60_000);
});

describe('npm audit at high severity', () => {
  const today = new Date('2026-12-07T10:00:00Z');
  const advisory = (name: string, severity: string, ghsa: string) => ({
    source: 1100000,
    name,
    dependency: name,
    title: `${name} does something bad`,
    url: `https://github.com/advisories/${ghsa}`,
    severity,
    range: '<9.9.9',
  });
  // npm audit --json (report version 2): an advisory against fast-uri, which ajv pulls in (named by a string in its `via`).
  const report = (severity = 'high') => ({
    auditReportVersion: 2,
    vulnerabilities: {
      'fast-uri': { name: 'fast-uri', severity, via: [advisory('fast-uri', severity, 'GHSA-abcd-efgh-ijkl')], fixAvailable: true },
      ajv: { name: 'ajv', severity, via: ['fast-uri'], fixAvailable: true },
      'lodash.flatten': { name: 'lodash.flatten', severity: 'moderate', via: [advisory('lodash.flatten', 'moderate', 'GHSA-mmmm-nnnn-oooo')] },
    },
    metadata: { vulnerabilities: { moderate: 1, high: 2, critical: 0, total: 3 } },
  });
  const allowance = { advisory: 'GHSA-abcd-efgh-ijkl', package: 'fast-uri', reason: 'only reached by the OpenAPI document, which parses no user input', until: '2027-01-31' };

  it('passes a report with nothing at high or critical', () => {
    expect(auditVerdict({ auditReportVersion: 2, vulnerabilities: {} }, [], today)).toEqual({ outcome: 'pass', findings: [], allowed: [], problems: [] });
    expect(auditVerdict(report('moderate'), [], today).outcome).toBe('pass');
  });

  it('fails a high or critical advisory, once per advisory, saying whether a fix exists', () => {
    for (const severity of ['high', 'critical']) {
      const v = auditVerdict(report(severity), [], today);
      expect(v.outcome).toBe('fail');
      expect(v.findings).toEqual([{ package: 'fast-uri', severity, advisory: 'GHSA-abcd-efgh-ijkl', title: 'fast-uri does something bad', fix: true }]);
    }
  });

  it('lets an allow-list entry excuse exactly its advisory until its date, and no longer', () => {
    const allowed = auditVerdict(report(), [allowance], today);
    expect(allowed.outcome).toBe('pass');
    expect(allowed.allowed.map((f) => f.advisory)).toEqual(['GHSA-abcd-efgh-ijkl']);
    expect(auditVerdict(report(), [{ ...allowance, until: '2026-12-07' }], today).outcome).toBe('pass');
    const expired = auditVerdict(report(), [{ ...allowance, until: '2026-12-06' }], today);
    expect(expired.outcome).toBe('fail');
    expect(expired.findings).toHaveLength(1);
    expect(expired.problems).toEqual(['the allowance of GHSA-abcd-efgh-ijkl (fast-uri) expired on 2026-12-06: upgrade, or look at it again and move the date']);
    expect(auditVerdict(report(), [{ ...allowance, package: 'ajv' }], today).outcome).toBe('fail');
    expect(auditVerdict(report(), [{ ...allowance, advisory: 'GHSA-zzzz-zzzz-zzzz' }], today).outcome).toBe('fail');
  });

  it('refuses an allow-list entry without a reason or a review date', () => {
    expect(allowListProblems([allowance])).toEqual([]);
    expect(allowListProblems({})).toEqual(['the allow-list is not a JSON array']);
    expect(allowListProblems([{ ...allowance, reason: '' }, { ...allowance, until: 'forever' }, { package: 'x' }])).toEqual([
      'entry 0: no reason',
      'entry 1: no review date (until: YYYY-MM-DD)',
      'entry 2: no advisory',
      'entry 2: no reason',
      'entry 2: no review date (until: YYYY-MM-DD)',
    ]);
    expect(auditVerdict({ auditReportVersion: 2, vulnerabilities: {} }, [{ ...allowance, reason: 'ok' }], today).outcome).toBe('fail');
  });

  it('calls a registry that gave no report "unchecked", never a pass', () => {
    const refused = { message: '405 Method Not Allowed - POST …/-/npm/v1/security/advisories/bulk', statusCode: 405, body: '' };
    const v = auditVerdict(refused, [], today);
    expect(v.outcome).toBe('unchecked');
    expect(v.problems[0]).toMatch(/gave no report: 405 Method Not Allowed/);
    expect(auditVerdict(undefined, [], today).outcome).toBe('unchecked');
    expect(auditVerdict({ auditReportVersion: 1, advisories: {} }, [], today).outcome).toBe('unchecked');
  });
});
