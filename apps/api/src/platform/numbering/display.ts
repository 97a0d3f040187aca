import { toAsciiDigits } from '@dargah/persian';
import { DomainError } from '../http/errors';
import { textProblem } from '../http/text-guard';

/** The شمس letter-number field's limit (iran.md §4): a longer display number is refused. */
export const MAX_LETTER_NUMBER_LENGTH = 20;
/** A pattern longer than this is refused before it is read. */
export const MAX_PATTERN_LENGTH = 64;

/**
 * The placeholders of a display-number pattern. `{seq}` is the counter's number, `{seq:N}` the same
 * zero-padded to N digits (1–9); `{year}` the Jalali year, `{yy}` its last two digits; `{unit}` and
 * `{domain}` the caller's short codes (the registering unit's, the series' label such as «ص»).
 */
export const NUMBER_PLACEHOLDERS = ['seq', 'year', 'yy', 'unit', 'domain'] as const;
export type NumberPlaceholder = (typeof NUMBER_PLACEHOLDERS)[number];

type Part = { text: string } | { placeholder: NumberPlaceholder; width?: number };

/** What fills a pattern's placeholders. */
export interface DisplayNumberValues {
  seq: number;
  year: number;
  unit?: string;
  domain?: string;
}

// Besides what the text guard refuses: line breaks and tabs (a number is one line, and the QR
// payload separates its fields by lines) and the bidirectional controls, which would make a number
// read differently on the page than it is stored.
const NOT_IN_NUMBER = /[\t\n\r\u202A-\u202E\u2066-\u2069]/;

/** True when a text cannot be (part of) a letter number. */
export const unfitForNumber = (text: string): boolean => textProblem(text) !== undefined || NOT_IN_NUMBER.test(text);

const PLACEHOLDER_RE = /\{([a-z]+)(?::([1-9]))?\}/y;

const refuse = (reason: string, extra: Record<string, unknown> = {}): never => {
  throw new DomainError('NUMBER_PATTERN_INVALID', { reason, ...extra });
};

/**
 * Reads a pattern such as `{seq}/ق/م/{unit}/{year}` (iran.md §4: indicator/subject/type/unit/year).
 * Braces are only placeholders (no escapes: no agency's number uses a brace); an unknown
 * placeholder, a stray brace, a pattern without `{seq}`, control characters and oversize are
 * refused. Persian and Arabic digits in the literal text are stored as ASCII: the display converts.
 */
function parsePattern(pattern: string): Part[] {
  if (typeof pattern !== 'string' || pattern.length === 0) refuse('empty');
  if (pattern.length > MAX_PATTERN_LENGTH) refuse('too_long', { max: MAX_PATTERN_LENGTH });
  if (unfitForNumber(pattern)) refuse('control_character');
  const ascii = toAsciiDigits(pattern);
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < ascii.length;) {
    const ch = ascii[i]!;
    if (ch === '}') refuse('stray_brace', { at: i });
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    PLACEHOLDER_RE.lastIndex = i;
    const m = PLACEHOLDER_RE.exec(ascii);
    if (!m) refuse('stray_brace', { at: i });
    const name = m![1]!;
    if (!(NUMBER_PLACEHOLDERS as readonly string[]).includes(name))
      refuse('unknown_placeholder', { placeholder: name });
    if (m![2] && name !== 'seq') refuse('width_on_text', { placeholder: name });
    if (text) parts.push({ text });
    text = '';
    parts.push({ placeholder: name as NumberPlaceholder, ...(m![2] ? { width: Number(m![2]) } : {}) });
    i += m![0].length;
  }
  if (text) parts.push({ text });
  if (!parts.some((p) => 'placeholder' in p && p.placeholder === 'seq')) refuse('no_seq');
  return parts;
}

/** The pattern as it is stored (ASCII digits), or NUMBER_PATTERN_INVALID with the reason. */
export function normalizeNumberPattern(pattern: string): string {
  return parsePattern(pattern)
    .map((p) => ('text' in p ? p.text : `{${p.placeholder}${p.width ? `:${p.width}` : ''}}`))
    .join('');
}

function fill(part: Exclude<Part, { text: string }>, values: DisplayNumberValues): string {
  switch (part.placeholder) {
    case 'seq':
      return String(values.seq).padStart(part.width ?? 1, '0');
    case 'year':
      return String(values.year);
    case 'yy':
      return String(values.year % 100).padStart(2, '0');
    case 'unit':
    case 'domain': {
      const value = values[part.placeholder];
      if (value === undefined || value === '') return refuse('value_missing', { placeholder: part.placeholder });
      if (unfitForNumber(value) || /[{}]/.test(value))
        return refuse('value_not_allowed', { placeholder: part.placeholder });
      return toAsciiDigits(value);
    }
  }
}

/**
 * The display number of a letter from its agency's pattern: ASCII digits (the page converts them),
 * at most 20 characters (NUMBER_TOO_LONG otherwise: the شمس letter-number field's limit).
 */
export function formatDisplayNumber(pattern: string, values: DisplayNumberValues): string {
  if (!Number.isSafeInteger(values.seq) || values.seq < 1) refuse('seq_invalid');
  if (!Number.isInteger(values.year) || values.year < 1) refuse('year_invalid');
  const number = parsePattern(pattern)
    .map((p) => ('text' in p ? p.text : fill(p, values)))
    .join('');
  const length = [...number].length;
  if (length > MAX_LETTER_NUMBER_LENGTH)
    throw new DomainError('NUMBER_TOO_LONG', { length, max: MAX_LETTER_NUMBER_LENGTH });
  return number;
}
