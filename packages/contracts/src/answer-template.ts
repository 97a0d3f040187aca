/*
 * A service version's output template (issue 11 items 1 and 7, ADR 0038): the body of the signed
 * answer, written by the agency's administrator as Persian paragraphs with named placeholders
 * (`{{applicant.name}}`, `{{form.<field>}}`…). It is never markup: the server parses it into
 * paragraphs of literal text and placeholders, fills the placeholders with the request's values and
 * hands the paragraphs to the renderer as data, which places them as text (platform/pdf). The one
 * parser here serves the server's check on save, its rendering and the editor's list of placeholders.
 */

/** The placeholders every template may use, with what the editor calls them. `form.<field>` comes on top. */
export const ANSWER_PLACEHOLDERS = [
  { name: 'applicant.name', fa: 'نام درخواست‌دهنده', en: 'The applicant’s name' },
  { name: 'trackingCode', fa: 'کد رهگیری', en: 'Tracking code' },
  { name: 'service.title', fa: 'عنوان خدمت', en: 'The service’s title' },
  { name: 'agency.name', fa: 'نام دستگاه', en: 'The agency’s name' },
  { name: 'decision', fa: 'نتیجه (تأیید، تأیید بخشی یا رد)', en: 'The decision' },
  { name: 'reasons', fa: 'دلایل تصمیم', en: 'The reasons' },
  { name: 'notGranted', fa: 'بخش‌های پذیرفته‌نشده (تأیید بخشی)', en: 'The parts not granted' },
  { name: 'legalBasis', fa: 'مستند قانونی', en: 'The legal basis' },
  { name: 'date', fa: 'تاریخ پاسخ (خورشیدی)', en: 'The answer’s date (Jalali)' },
  { name: 'submittedDate', fa: 'تاریخ ثبت درخواست (خورشیدی)', en: 'The request’s date (Jalali)' },
] as const;
export type AnswerPlaceholderName = (typeof ANSWER_PLACEHOLDERS)[number]['name'];

/** A top-level form field's placeholder: `form.<key>`. */
export const FORM_PLACEHOLDER_PREFIX = 'form.';

/** Longest template accepted, in characters; at most this many placeholders. */
export const ANSWER_TEMPLATE_MAX_CHARS = 10_000;
export const ANSWER_TEMPLATE_MAX_PLACEHOLDERS = 200;

export type AnswerTemplateSegment = { text: string } | { placeholder: string };

/** A template parsed: paragraphs (split at blank lines) of literal text and placeholders. */
export interface AnswerTemplate {
  paragraphs: AnswerTemplateSegment[][];
  /** The placeholders it uses. */
  uses: ReadonlySet<string>;
}

export type AnswerTemplateProblemCode =
  | 'output_template_too_large'
  | 'output_template_not_text'
  | 'output_template_unbalanced_braces'
  | 'output_template_unknown_placeholder'
  | 'output_template_too_many_placeholders';

/** A problem and where it is: the UTF-16 offset (a text area's caret), and line and column from 1. */
export interface AnswerTemplateProblem {
  code: AnswerTemplateProblemCode;
  offset: number;
  line: number;
  column: number;
  /** The placeholder's text as written, for an unknown one. */
  placeholder?: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;
const KNOWN: ReadonlySet<string> = new Set(ANSWER_PLACEHOLDERS.map((p) => p.name));
// Control characters other than tab and line feed (a carriage return is folded into the line feed first).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** The placeholders a version with these form fields may use: the fixed ones, then `form.<key>` for each. */
export function answerPlaceholders(formFields: readonly string[]): string[] {
  return [...KNOWN, ...formFields.map((f) => FORM_PLACEHOLDER_PREFIX + f)];
}

/** The top-level field keys of a form's JSON Schema (`properties`). */
export function formFieldKeys(formSchema: unknown): string[] {
  const props = formSchema && typeof formSchema === 'object' ? (formSchema as { properties?: unknown }).properties : undefined;
  return props && typeof props === 'object' && !Array.isArray(props) ? Object.keys(props) : [];
}

function position(text: string, offset: number): { offset: number; line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { offset, line: before.split('\n').length, column: offset - lineStart + 1 };
}

/**
 * Parses a template. Refusals, each with its position: longer than ANSWER_TEMPLATE_MAX_CHARS, a
 * control character (NUL…), `{{` without its `}}` on the same line or a `}}` that closes nothing,
 * a placeholder that is not one of the fixed ones or `form.<field>` of the form, more than
 * ANSWER_TEMPLATE_MAX_PLACEHOLDERS placeholders. A single `{` or `}` is text.
 */
export function parseAnswerTemplate(
  source: string,
  formFields: readonly string[],
): { ok: true; template: AnswerTemplate } | { ok: false; problems: AnswerTemplateProblem[] } {
  const text = source.replace(/\r\n?/g, '\n');
  if (text.length > ANSWER_TEMPLATE_MAX_CHARS)
    return { ok: false, problems: [{ code: 'output_template_too_large', ...position(text, ANSWER_TEMPLATE_MAX_CHARS) }] };
  const control = CONTROL.exec(text);
  if (control) return { ok: false, problems: [{ code: 'output_template_not_text', ...position(text, control.index) }] };
  const fields = new Set(formFields);
  const problems: AnswerTemplateProblem[] = [];
  const uses = new Set<string>();
  const paragraphs: AnswerTemplateSegment[][] = [];
  let current: AnswerTemplateSegment[] = [];
  let literal = '';
  let count = 0;
  const flushText = () => {
    if (literal) current.push({ text: literal });
    literal = '';
  };
  const endParagraph = () => {
    flushText();
    if (current.some((s) => 'placeholder' in s || s.text.trim())) paragraphs.push(current);
    current = [];
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i + 2);
      const inner = close < 0 ? '' : text.slice(i + 2, close);
      if (close < 0 || inner.includes('\n') || inner.includes('{{')) {
        problems.push({ code: 'output_template_unbalanced_braces', ...position(text, i) });
        i += 2;
        continue;
      }
      const name = inner.trim();
      const known = NAME.test(name) && (KNOWN.has(name) || (name.startsWith(FORM_PLACEHOLDER_PREFIX) && fields.has(name.slice(FORM_PLACEHOLDER_PREFIX.length))));
      if (!known) problems.push({ code: 'output_template_unknown_placeholder', ...position(text, i), placeholder: inner.slice(0, 100) });
      else if (++count > ANSWER_TEMPLATE_MAX_PLACEHOLDERS) {
        problems.push({ code: 'output_template_too_many_placeholders', ...position(text, i) });
        break;
      } else {
        flushText();
        current.push({ placeholder: name });
        uses.add(name);
      }
      i = close + 2;
      continue;
    }
    if (text.startsWith('}}', i)) {
      problems.push({ code: 'output_template_unbalanced_braces', ...position(text, i) });
      i += 2;
      continue;
    }
    // A blank line (spaces allowed on it) ends the paragraph.
    const blank = text[i] === '\n' ? /^\n[ \t]*\n\s*/.exec(text.slice(i, i + 1000)) : null;
    if (blank) {
      endParagraph();
      i += blank[0].length;
      continue;
    }
    literal += text[i];
    i++;
    if (problems.length >= 20) break;
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 20) };
  endParagraph();
  return { ok: true, template: { paragraphs, uses } };
}
