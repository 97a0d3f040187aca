// @ts-check
/**
 * `npm audit --omit=dev --audit-level=high` with an explicit allow-list (issue 13 item 7). A high or
 * critical advisory on a production dependency fails, unless `.ci/audit-allow.json` names it with a
 * reason and a date it must be looked at again by; past that date the entry no longer excuses it.
 * When the registry's audit endpoint cannot be reached (the registry here answers 405), nothing was
 * checked: that is its own outcome, never a pass.
 */

/**
 * @typedef {{ advisory: string, package: string, reason: string, until: string }} Allowance
 * @typedef {{ source?: number, name?: string, title?: string, url?: string, severity?: string, range?: string }} Via
 * @typedef {{ name: string, severity: string, via: (Via | string)[], fixAvailable?: unknown }} Vulnerability
 * @typedef {{ package: string, severity: string, advisory: string, title: string, fix: boolean }} Finding
 * @typedef {{ outcome: 'pass' | 'fail' | 'unchecked', findings: Finding[], allowed: Finding[], problems: string[] }} Verdict
 */

const GATE = new Set(['high', 'critical']);

/** The advisory's id as the allow-list names it: its GHSA id when its URL has one, else its npm source number. */
const advisoryId = (/** @type {Via} */ v) => /GHSA(-[0-9a-z]{4}){3}/i.exec(v.url ?? '')?.[0] ?? String(v.source ?? v.title ?? '?');

/**
 * Checks the allow-list's shape: every entry names an advisory and a package, says why, and has a
 * date (YYYY-MM-DD) it must be looked at again by.
 * @param {unknown} list
 * @returns {string[]}
 */
export function allowListProblems(list) {
  if (!Array.isArray(list)) return ['the allow-list is not a JSON array'];
  return list.flatMap((e, i) => {
    const p = [];
    if (typeof e?.advisory !== 'string' || !e.advisory) p.push(`entry ${i}: no advisory`);
    if (typeof e?.package !== 'string' || !e.package) p.push(`entry ${i}: no package`);
    if (typeof e?.reason !== 'string' || e.reason.trim().length < 10) p.push(`entry ${i}: no reason`);
    if (typeof e?.until !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.until) || Number.isNaN(Date.parse(e.until))) p.push(`entry ${i}: no review date (until: YYYY-MM-DD)`);
    return p;
  });
}

/**
 * The verdict on `npm audit --json` output.
 * @param {unknown} report the parsed JSON npm audit printed
 * @param {Allowance[]} allow
 * @param {Date} today
 * @returns {Verdict}
 */
export function auditVerdict(report, allow, today) {
  const r = /** @type {{ auditReportVersion?: number, vulnerabilities?: Record<string, Vulnerability>, statusCode?: number, message?: string }} */ (report ?? {});
  const problems = allowListProblems(allow);
  if (r.auditReportVersion !== 2 || typeof r.vulnerabilities !== 'object' || r.vulnerabilities === null) {
    const why = r.message ?? (r.statusCode ? `HTTP ${r.statusCode}` : 'no audit report');
    return { outcome: 'unchecked', findings: [], allowed: [], problems: [...problems, `the registry's audit endpoint gave no report: ${why}`] };
  }
  /** @type {Finding[]} */
  const findings = [];
  for (const v of Object.values(r.vulnerabilities)) {
    // `via` holds the advisories against this package itself, and the names of vulnerable packages it depends on.
    for (const via of v.via) {
      if (typeof via === 'string' || !GATE.has(String(via.severity))) continue;
      findings.push({ package: via.name ?? v.name, severity: String(via.severity), advisory: advisoryId(via), title: via.title ?? '', fix: Boolean(v.fixAvailable) });
    }
  }
  const unique = [...new Map(findings.map((f) => [`${f.package} ${f.advisory}`, f])).values()];
  const excuses = (/** @type {Finding} */ f) =>
    allow.some((a) => a.package === f.package && a.advisory.toLowerCase() === f.advisory.toLowerCase() && Date.parse(a.until) >= Date.parse(today.toISOString().slice(0, 10)));
  const allowed = unique.filter(excuses);
  const failing = unique.filter((f) => !excuses(f));
  for (const a of allow) {
    if (Date.parse(a.until) < Date.parse(today.toISOString().slice(0, 10))) problems.push(`the allowance of ${a.advisory} (${a.package}) expired on ${a.until}: upgrade, or look at it again and move the date`);
  }
  return { outcome: failing.length || problems.length ? 'fail' : 'pass', findings: failing, allowed, problems };
}
