import { formFieldKeys, parseAnswerTemplate, type AnswerTemplate, type AnswerTemplateProblemCode } from '@dargah/contracts';
import { toPersianDigits } from '@dargah/persian';
import type { FieldProblem } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { defineFieldMessages } from '../../platform/http/validation';

/*
 * A version's output template (ADR 0038): checked when a version is saved, published or previewed,
 * each problem a field problem at body.outputTemplate with its line and column; read back, parsed,
 * for the answer of a request submitted on the version.
 */

export const outputTemplateFields = defineFieldMessages({
  output_template_too_large: {
    fa: 'متن قالب پاسخ از اندازه‌ی مجاز (۱۰٬۰۰۰ نویسه) بلندتر است.',
    en: 'The answer template is longer than allowed (10,000 characters).',
  },
  output_template_not_text: {
    fa: 'قالب پاسخ نویسه‌ی کنترلی (مانند NUL) دارد؛ فقط متن بنویسید.',
    en: 'The answer template holds a control character (such as NUL); write text only.',
  },
  output_template_unbalanced_braces: {
    fa: 'آکولادها جفت نیستند: هر جای‌نگهدار با {{ آغاز و در همان سطر با }} بسته می‌شود.',
    en: 'Unbalanced braces: every placeholder opens with {{ and closes with }} on the same line.',
  },
  output_template_unknown_placeholder: {
    fa: 'این جای‌نگهدار شناخته نیست؛ یکی از جای‌نگهدارهای فهرست یا فیلدی از فرم این نسخه را به کار ببرید.',
    en: 'This placeholder is not known; use one from the list or a field of this version’s form.',
  },
  output_template_too_many_placeholders: {
    fa: 'قالب پاسخ بیش از ۲۰۰ جای‌نگهدار دارد.',
    en: 'The answer template has more than 200 placeholders.',
  },
} satisfies Record<AnswerTemplateProblemCode, { fa: string; en: string }>);

/** The template's problems as field problems at `field`, each with its place («سطر ۳، ستون ۵»); none for null. */
export function outputTemplateProblems(template: string | null, formSchema: unknown, lang: Lang, field = 'body.outputTemplate'): FieldProblem[] {
  if (template === null) return [];
  const parsed = parseAnswerTemplate(template, formFieldKeys(formSchema));
  if (parsed.ok) return [];
  return parsed.problems.map((p) => {
    const where = lang === 'fa' ? `سطر ${toPersianDigits(p.line)}، ستون ${toPersianDigits(p.column)}: ` : `Line ${p.line}, column ${p.column}: `;
    const what = p.placeholder !== undefined ? ` («{{${p.placeholder}}}»)` : '';
    return { field, code: p.code, message: `${where}${outputTemplateFields.message(p.code, lang)}${what}`, at: { offset: p.offset, line: p.line, column: p.column } };
  });
}

/** A template as kept: blank is the platform's default (null). */
export const keptTemplate = (template: string | null): string | null => (template === null || template.trim() === '' ? null : template);

/**
 * A stored template parsed for the answer, or null for the default answer. A template kept before
 * ADR 0038 that does not parse (the column once said "Typst markup") gives the default answer too.
 */
export function parsedOutputTemplate(template: string | null, formSchema: unknown): AnswerTemplate | null {
  const kept = keptTemplate(template);
  if (kept === null) return null;
  const parsed = parseAnswerTemplate(kept, formFieldKeys(formSchema));
  return parsed.ok ? parsed.template : null;
}
