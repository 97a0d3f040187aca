import { FORM_PLACEHOLDER_PREFIX, type AnswerTemplate } from '@dargah/contracts';
import { toPersianDigits } from '@dargah/persian';
import { decisionLabel, jalaliDate, legalBasisLine, type AnswerData } from '../../platform/pdf';

/*
 * The answer's body from its version's output template (ADR 0038): each placeholder filled with the
 * request's value, each paragraph a plain string. The strings go to the renderer as data, which
 * places them as text (platform/pdf: no value and no template text is ever read as markup), so a
 * `#`, `$`, `]` or `\` in the template or in a form value is printed as it is.
 */

/** What a template's placeholders are filled with. */
export interface AnswerValues {
  applicantName: string;
  trackingCode: string;
  serviceTitle: string;
  agencyName: string;
  decision: keyof typeof decisionLabel;
  reasons: string | undefined;
  notGranted: string | undefined;
  legalBasis: ReadonlyArray<{ law: string; article: string }>;
  submittedAt: Date;
  decidedAt: Date;
  /** The request's form (top-level fields) and the version's form schema (titles of choices). */
  form: Record<string, unknown>;
  formSchema: Record<string, unknown>;
}

/** Shown for a value the request does not have. */
const NONE = '—';

type Prop = { oneOf?: Array<{ const?: unknown; title?: string }>; enum?: unknown[]; items?: Prop } | undefined;

/** A form value as text: a choice by its title, numbers in Persian digits, yes/no, a list joined. */
function formText(value: unknown, prop: Prop): string {
  if (value === undefined || value === null || value === '') return NONE;
  if (Array.isArray(value)) return value.length ? value.map((v) => formText(v, prop?.items)).join('، ') : NONE;
  const choice = prop?.oneOf?.find((o) => o.const === value);
  if (choice?.title) return choice.title;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return toPersianDigits(String(value));
  if (typeof value === 'boolean') return value ? 'بله' : 'خیر';
  return NONE;
}

/** Text as one paragraph's part: its blank lines folded into line breaks. */
const inline = (s: string | undefined) => (s?.trim() ? s.trim().replace(/\n\s*\n/g, '\n') : NONE);

function valueOf(name: string, v: AnswerValues): string {
  switch (name) {
    case 'applicant.name':
      return v.applicantName;
    case 'trackingCode':
      return toPersianDigits(v.trackingCode);
    case 'service.title':
      return v.serviceTitle;
    case 'agency.name':
      return v.agencyName;
    case 'decision':
      return decisionLabel[v.decision];
    case 'reasons':
      return inline(v.reasons);
    case 'notGranted':
      return inline(v.notGranted);
    case 'legalBasis':
      return v.legalBasis.length ? v.legalBasis.map(legalBasisLine).join('؛ ') : NONE;
    case 'date':
      return jalaliDate(v.decidedAt);
    case 'submittedDate':
      return jalaliDate(v.submittedAt);
  }
  if (name.startsWith(FORM_PLACEHOLDER_PREFIX)) {
    const key = name.slice(FORM_PLACEHOLDER_PREFIX.length);
    const props = (v.formSchema.properties ?? {}) as Record<string, Prop>;
    return formText(Object.hasOwn(v.form, key) ? v.form[key] : undefined, Object.hasOwn(props, key) ? props[key] : undefined);
  }
  // parseAnswerTemplate lets no other name through.
  return NONE;
}

const FIXED_PARTS = ['reasons', 'legalBasis', 'notGranted'] as const;

/** The answer's body: the template's paragraphs filled in (blank ones left out), and the fixed parts it places. */
export function answerBody(template: AnswerTemplate, v: AnswerValues): NonNullable<AnswerData['answer']['body']> {
  const paragraphs = template.paragraphs
    .map((segments) => segments.map((s) => ('text' in s ? s.text : valueOf(s.placeholder, v))).join('').trim())
    .filter((p) => p.length > 0);
  return { paragraphs, places: FIXED_PARTS.filter((p) => template.uses.has(p)) };
}
