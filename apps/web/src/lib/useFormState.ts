import { useState } from 'react';
import { focusField } from '../components/Field';
import { fieldErrorsOf, firstInvalidField } from './fieldErrors';

export type Problems<K extends string> = Partial<Record<K, string | undefined>>;

/**
 * State of a small text form: values, the client-side problems (shown once the form was submitted),
 * the server's problems per field (VALIDATION_FAILED, or a code the caller maps to a field), and
 * focus on the first invalid field. Field `name` has the control id `${idPrefix}${name}`.
 */
export function useFormState<K extends string>({
  order,
  initial,
  validate,
  idPrefix,
}: {
  order: readonly K[];
  initial: Record<K, string>;
  validate: (values: Record<K, string>) => Problems<K>;
  idPrefix: string;
}) {
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Problems<K>>({});
  const local = validate(values);
  const idOf = (name: K) => `${idPrefix}${name}`;

  const errorOf = (name: K): string | undefined => (submitted ? local[name] : undefined) ?? serverErrors[name];

  return {
    values,
    idOf,
    errorOf,
    /** An input's `onChange`: stores the value and clears the server's complaint about it. */
    bind: (name: K) => ({
      value: values[name],
      onChange: (event: { target: { value: string } }) => {
        const value = event.target.value;
        setValues((v) => ({ ...v, [name]: value }));
        setServerErrors((e) => ({ ...e, [name]: undefined }));
      },
    }),
    /** On submit: `true` when the values can be sent, else focuses the first problem. */
    check(): boolean {
      setSubmitted(true);
      const first = firstInvalidField(order, local);
      if (first) focusField(idOf(first));
      return first === undefined;
    },
    /**
     * Shows a refused write at its fields (VALIDATION_FAILED under `body`, or `extra` for codes
     * such as LEGAL_ID_TAKEN); `true` when the error was placed at a field.
     */
    showServerError(error: unknown, extra: Partial<Record<string, K>> = {}, message?: string): boolean {
      const fields = { ...(fieldErrorsOf(error)?.fields ?? {}) } as Record<string, string>;
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && extra[code] && message) fields[extra[code]] = message;
      const known = Object.fromEntries(order.filter((k) => fields[k]).map((k) => [k, fields[k]])) as Problems<K>;
      setServerErrors(known);
      const first = firstInvalidField(order, known);
      if (first) focusField(idOf(first));
      return first !== undefined;
    },
    /** The error summary's entries, in form order. */
    summary(labels: Record<K, string>) {
      return order.filter((k) => errorOf(k)).map((k) => ({ field: idOf(k), label: labels[k], message: errorOf(k)! }));
    },
    reset(next: Record<K, string>) {
      setValues(next);
      setSubmitted(false);
      setServerErrors({});
    },
  };
}
