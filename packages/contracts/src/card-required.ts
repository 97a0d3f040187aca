import {
  consistencyProblems,
  ELECTRONIC_CHANNELS,
  NOT_YET_ELECTRONIC,
  type CardProblem,
  type ServiceCardContent,
} from './catalogue';

/*
 * What a service identity card must have to be submitted: one list (REQUIRED_CARD_FIELDS) that the
 * server's submission check reads (`validateCardForSubmission`) and the card editor marks
 * (`requiredCardPaths`), so the two never disagree.
 */

const blank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** The value at a dotted path of the content (a number names a list row). */
function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const hasElectronicChannel = (c: ServiceCardContent) =>
  [...(c.channels?.information ?? []), ...(c.channels?.request ?? []), ...(c.channels?.delivery ?? [])].some((k) =>
    ELECTRONIC_CHANNELS.includes(k),
  );

/**
 * A field that submission requires. `path` is dotted; a `*` stands for each row of the list before
 * it (`documents.*.title`). `filled` says what counts as an answer: `value` (not blank, the default),
 * `listed` (a list that may be empty: present, even `[]`), `defined` (a yes/no: present) or
 * `nonZero` (a positive number). `when` limits the rule to the cards (and rows) it applies to.
 */
export interface RequiredCardField {
  path: string;
  filled?: 'value' | 'listed' | 'defined' | 'nonZero';
  /** The problem's code when missing (REQUIRED by default). */
  code?: string;
  when?: (c: ServiceCardContent, row: Record<string, unknown>) => boolean;
}

/**
 * Every field a card must have to be submitted, in the order its problems are reported. The one
 * list: `validateCardForSubmission` checks it on the server, and the card editor marks the same
 * fields mandatory (`requiredCardPaths`). What the draft schema itself requires of a row or an
 * exemption (`subServices.*.title`, `legalBasis.*.article`, `offices.*.name`, …) is listed too, so
 * the editor marks it; on the server the schema has refused it before these rules are read.
 */
export const REQUIRED_CARD_FIELDS: readonly RequiredCardField[] = [
  { path: 'title' },
  { path: 'subServices.*.title' },
  { path: 'description' },
  { path: 'recipients' },
  { path: 'nature' },
  { path: 'level' },
  { path: 'startMode' },
  { path: 'legalBasis' },
  { path: 'legalBasis.*.lawId' },
  { path: 'legalBasis.*.article' },
  { path: 'documents', filled: 'listed' },
  { path: 'documents.*.title' },
  { path: 'documents.*.mandatory', filled: 'defined' },
  { path: 'documents.*.evidenceType', when: (_c, d) => d.byInquiry === true },
  { path: 'documents.*.providerAgencyId', when: (_c, d) => d.byInquiry === true },
  { path: 'inquiries', filled: 'listed' },
  { path: 'inquiries.*.agencyId' },
  { path: 'inquiries.*.data' },
  { path: 'inquiries.*.mode' },
  // Identity is asked of services given to people or businesses (all but G2G-only, and until recipients are chosen).
  { path: 'identity.personTypes', when: (c) => c.recipients?.some((r) => r !== 'G2G') ?? true },
  { path: 'identity.assuranceLevel', when: (c) => c.recipients?.some((r) => r !== 'G2G') ?? true },
  { path: 'fees', filled: 'listed' },
  { path: 'fees.*.title' },
  { path: 'fees.*.amountRials' },
  { path: 'fees.*.legalBasis' },
  { path: 'fees.*.legalBasis.*.lawId' },
  { path: 'fees.*.legalBasis.*.article' },
  { path: 'fees.*.sheba', when: (_c, f) => typeof f.amountRials === 'number' && f.amountRials > 0 },
  { path: 'inPersonVisits.count' },
  { path: 'inPersonVisits.reason', when: (c) => (c.inPersonVisits?.count ?? 0) > 0 },
  { path: 'channels.information' },
  { path: 'channels.request' },
  { path: 'channels.delivery' },
  { path: 'channels.eServiceUrl', when: hasElectronicChannel },
  { path: 'process.start.description' },
  { path: 'process.production.description' },
  { path: 'process.delivery.description' },
  { path: 'process.legalDeadlineDays' },
  { path: 'process.normDays' },
  { path: 'process.extensionAllowed' },
  {
    path: 'process.extensionTermDays',
    filled: 'nonZero',
    code: 'EXTENSION_TERM_REQUIRED',
    when: (c) => c.process?.extensionAllowed === true,
  },
  { path: 'complaintRoute' },
  { path: 'maturity.level' },
  { path: 'maturity.exemption.reference', when: (c) => c.maturity?.exemption !== undefined },
  { path: 'maturity.exemption.approvedOn', when: (c) => c.maturity?.exemption !== undefined },
  ...(['maturity.plannedDate', 'maturity.reason'] as const).map(
    (path): RequiredCardField => ({
      path,
      code: 'MATURITY_PLAN_REQUIRED',
      when: (c) => !!c.maturity?.level && NOT_YET_ELECTRONIC.includes(c.maturity.level) && !c.maturity.exemption,
    }),
  ),
  { path: 'offices.*.name' },
];

const isFilled = (v: unknown, how: RequiredCardField['filled'] = 'value') =>
  how === 'listed' || how === 'defined' ? v !== undefined : how === 'nonZero' ? typeof v === 'number' && v > 0 : !blank(v);

const splitStar = (path: string) => {
  const i = path.indexOf('.*.');
  return i < 0 ? null : { list: path.slice(0, i), rest: path.slice(i + 3) };
};

/** A rule's concrete paths under `row` (at `prefix`), one per row of each `*` list, where `when` says yes. */
function expand(
  c: ServiceCardContent,
  rule: RequiredCardField,
  pattern: string,
  row: Record<string, unknown>,
  prefix: string,
): string[] {
  const star = splitStar(pattern);
  if (!star) return !rule.when || rule.when(c, row) ? [`${prefix}${pattern}`] : [];
  const list = valueAt(row, star.list);
  return (Array.isArray(list) ? list : []).flatMap((r: unknown, n) =>
    expand(c, rule, star.rest, (r ?? {}) as Record<string, unknown>, `${prefix}${star.list}.${n}.`),
  );
}

/**
 * Each rule with its concrete paths on this card, in report order: a run of `*` rules over one list
 * is applied row by row (every field of row 1, then of row 2); none where `when` says no.
 */
function applicable(c: ServiceCardContent): Array<{ rule: RequiredCardField; path: string }> {
  const out: Array<{ rule: RequiredCardField; path: string }> = [];
  const rules = REQUIRED_CARD_FIELDS;
  const root = c as Record<string, unknown>;
  for (let i = 0; i < rules.length; ) {
    const rule = rules[i]!;
    const star = splitStar(rule.path);
    if (!star) {
      if (!rule.when || rule.when(c, root)) out.push({ rule, path: rule.path });
      i++;
      continue;
    }
    let j = i;
    while (j < rules.length && splitStar(rules[j]!.path)?.list === star.list) j++;
    const run = rules.slice(i, j);
    const list = valueAt(c, star.list);
    (Array.isArray(list) ? list : []).forEach((row: unknown, n) => {
      const r = (row ?? {}) as Record<string, unknown>;
      for (const x of run)
        for (const path of expand(c, x, splitStar(x.path)!.rest, r, `${star.list}.${n}.`)) out.push({ rule: x, path });
    });
    i = j;
  }
  return out;
}

/** The fields this card must have before it is submitted (the editor marks them mandatory). */
export function requiredCardPaths(c: ServiceCardContent): Set<string> {
  return new Set(applicable(c).map((a) => a.path));
}

/**
 * Every problem that keeps a (draft-valid) card from being submitted, each at its field: missing
 * required fields (`REQUIRED`, or the rule's own code; see REQUIRED_CARD_FIELDS) and the rules that
 * tie fields together. An empty list: ready.
 */
export function validateCardForSubmission(c: ServiceCardContent): CardProblem[] {
  const missing = applicable(c)
    .filter(({ rule, path }) => !isFilled(valueAt(c, path), rule.filled))
    .map(({ rule, path }) => ({ path, code: rule.code ?? 'REQUIRED' }));
  return [...missing, ...consistencyProblems(c)];
}
