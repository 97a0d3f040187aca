import type { TFunction } from 'i18next';

/** The card vocabularies with labels in `catalogueTerms.<kind>.<value>`. */
export type TermKind =
  | 'status'
  | 'recipient'
  | 'nature'
  | 'level'
  | 'lifeEvent'
  | 'startMode'
  | 'channel'
  | 'channelStage'
  | 'stage'
  | 'maturity'
  | 'personType'
  | 'assurance'
  | 'inquiryMode';

/** One vocabulary value of the card in words (the code itself when unknown, e.g. from an older card). */
export function termLabel(t: TFunction, kind: TermKind, value: string): string {
  return t(`catalogueTerms.${kind}.${value}` as 'catalogueTerms.status.draft', { defaultValue: value });
}

/** The values of a vocabulary as options of a choice (value and label). */
export function termOptions(t: TFunction, kind: TermKind, values: readonly string[]) {
  return values.map((value) => ({ value, label: termLabel(t, kind, value) }));
}

/** A recipient group in words; staff screens add the code: «شهروندان (G2C)». */
export function recipientLabel(t: TFunction, recipient: string, { withCode = false } = {}): string {
  const label = termLabel(t, 'recipient', recipient);
  return withCode ? `${label} (${recipient})` : label;
}
