import { ApiError } from './api';

/**
 * Field-level problems of a VALIDATION_FAILED answer, keyed by the form's own field names.
 *
 * The server names each field by where it was in the request (`body.nationalCode`,
 * `body.form.reason`, `query.status`); a form passes the prefix its fields live under (`body`, or
 * `body.form` for a service form) and gets `{ nationalCode: message }`. Problems outside the prefix,
 * or about the prefix itself, are kept in `other` so the page can still show them.
 */
export interface FieldErrors {
  /** Message of the first problem reported for each field. */
  fields: Record<string, string>;
  /** Messages that belong to no field of this form. */
  other: string[];
}

interface FieldProblemLike {
  field: string;
  message: string;
}

function isFieldProblem(value: unknown): value is FieldProblemLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { field?: unknown }).field === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Refusals whose `details.fields` name the fields: validation, and text the server will not store (NUL, control characters). */
const FIELD_CODES = new Set(['VALIDATION_FAILED', 'TEXT_NOT_ALLOWED']);

/** The `details.fields` list of a VALIDATION_FAILED (or TEXT_NOT_ALLOWED) ApiError, or `[]`. */
export function fieldProblemsOf(error: unknown): FieldProblemLike[] {
  if (!(error instanceof ApiError) || !FIELD_CODES.has(error.code)) return [];
  const details = error.details;
  if (typeof details !== 'object' || details === null) return [];
  const fields = (details as { fields?: unknown }).fields;
  return Array.isArray(fields) ? fields.filter(isFieldProblem) : [];
}

/** Groups a VALIDATION_FAILED error's problems by field name under `prefix`; `null` for any other error. */
export function fieldErrorsOf(error: unknown, prefix = 'body'): FieldErrors | null {
  const problems = fieldProblemsOf(error);
  if (problems.length === 0) return null;
  const fields: Record<string, string> = {};
  const other: string[] = [];
  const lead = prefix ? `${prefix}.` : '';
  for (const { field, message } of problems) {
    const name = field.startsWith(lead) ? field.slice(lead.length) : '';
    // A nested path (`address.line1`) is shown at its top-level field: that is the control the form has.
    const top = name.split('.')[0] ?? '';
    if (top === '') other.push(message);
    else fields[top] ??= message;
  }
  return { fields, other };
}

/** The first field, in the form's order, that has a problem: the one to focus. */
export function firstInvalidField<K extends string>(
  order: readonly K[],
  errors: Readonly<Partial<Record<string, unknown>>>,
): K | undefined {
  return order.find((name) => errors[name] !== undefined);
}
