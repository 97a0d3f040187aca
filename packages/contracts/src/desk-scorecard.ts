import { z } from 'zod';
import type { CodeLabel } from './code-labels';

/*
 * The desk evaluation scorecard (issue 11 item 12, ADR 0032): for one Jalali year, ten criteria
 * per agency scored from the platform's own data, each with what was counted, and the same
 * criteria summed per province and for the whole table.
 */

/** The criteria, in the order the table shows them. */
export const SCORECARD_CRITERIA = [
  'offeredAtDesk',
  'electronicRequest',
  'immediateReceipt',
  'trackingCode',
  'answeredElectronically',
  'feedbackCollected',
  'answeredWithinNorm',
  'linkedToCatalogue',
  'openWithinNorm',
  'satisfaction',
] as const;
export const ScorecardCriterionName = z.enum(SCORECARD_CRITERIA);
export type ScorecardCriterionName = z.infer<typeof ScorecardCriterionName>;

/** Each criterion's short name in Persian and English: the one source for the table's headers, on screen and in the files. */
export const SCORECARD_CRITERION_LABELS: { readonly [K in ScorecardCriterionName]: CodeLabel } = {
  offeredAtDesk: ['ارائه در میز خدمت', 'Offered at the desk'],
  electronicRequest: ['درخواست الکترونیکی', 'Electronic request'],
  immediateReceipt: ['رسید فوری', 'Immediate receipt'],
  trackingCode: ['کد رهگیری', 'Tracking code'],
  answeredElectronically: ['پاسخ الکترونیکی', 'Electronic answer'],
  feedbackCollected: ['نظرسنجی', 'Feedback collected'],
  answeredWithinNorm: ['پاسخ در مهلت', 'Answered within the norm'],
  linkedToCatalogue: ['پیوند به شناسنامه', 'Linked to the catalogue'],
  openWithinNorm: ['باز در مهلت', 'Open within the norm'],
  satisfaction: ['رضایت', 'Satisfaction'],
};

/** One criterion's score: the share numerator/denominator (null when nothing could be counted) and what was counted. */
export const ScorecardCriterion = z.object({
  criterion: ScorecardCriterionName,
  /** numerator / denominator, 0–1 rounded to 4 places; null when the denominator is 0 (not measurable, never 0). */
  value: z.number().min(0).max(1).nullable(),
  numerator: z.number().int().min(0),
  denominator: z.number().int().min(0),
  /** What was counted, in the caller's language. */
  evidence: z.string(),
  /** Set when the criterion cannot be measured for this row (nothing to count), or holds by construction. */
  note: z.string().nullable(),
});
export type ScorecardCriterion = z.infer<typeof ScorecardCriterion>;

export const ScorecardRow = z.object({
  /** An agency id, a province name, or `total`. */
  key: z.string(),
  name: z.string(),
  province: z.string().nullable(),
  criteria: z.array(ScorecardCriterion),
  /** The mean of the measurable criteria's values (0–1); null when none is measurable. */
  total: z.number().min(0).max(1).nullable(),
  /** How many criteria the total is the mean of. */
  measured: z.number().int().min(0),
});
export type ScorecardRow = z.infer<typeof ScorecardRow>;

export const DeskScorecard = z.object({
  year: z.number().int(),
  /** The period as instants: the Jalali year's first moment and the next year's (Tehran time). */
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  province: z.string().nullable(),
  /** Central roles compare agencies and provinces; a provincial evaluator, their province's agencies; an agency's administrator sees their agencies only. */
  scope: z.enum(['central', 'province', 'agency']),
  agencies: z.array(ScorecardRow),
  /** Per province (central and province scopes; empty for an agency); agencies without a province under `—`. */
  provinces: z.array(ScorecardRow),
  total: ScorecardRow,
});
export type DeskScorecard = z.infer<typeof DeskScorecard>;
