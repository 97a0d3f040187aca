import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from './icons';

/** What a form control needs to be tied to its label, help text and error message. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  required?: boolean;
}

export interface FieldProps {
  /** The control's id (also its name); the label, help and error ids derive from it. */
  id: string;
  name?: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  /** Renders the control with the given props spread on it. */
  children: (control: ControlProps) => ReactNode;
  className?: string;
}

const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || undefined;

/** The error line of a field: an icon and the message, read out with the control (aria-describedby). */
export function FieldError({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="field__error">
      <AlertIcon />
      <span>
        <span className="visually-hidden">{t('form.errorPrefix')}</span>
        {message}
      </span>
    </p>
  );
}

/**
 * A labelled form field: label (with «اختیاری» on optional fields), help text, the error message
 * (above the control, where the eye lands first) and the control, tied together with
 * aria-describedby and aria-invalid.
 */
export function Field({ id, name, label, help, error, required, children, className }: FieldProps) {
  const { t } = useTranslation();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')} data-invalid={error ? true : undefined}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? null : <span className="field__optional"> {t('form.optional')}</span>}
      </label>
      {help ? (
        <p id={helpId} className="field__help">
          {help}
        </p>
      ) : null}
      {error && errorId ? <FieldError id={errorId} message={error} /> : null}
      {children({
        id,
        name: name ?? id,
        'aria-describedby': describedBy(helpId, errorId),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(required ? { required: true } : {}),
      })}
    </div>
  );
}

export interface FieldsetProps {
  /** Id of the group; the first option's control should be `${id}-0` so focus can move to it. */
  id: string;
  legend: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  children: (describedById: string | undefined) => ReactNode;
}

/** A group of radio buttons (or checkboxes) under one legend, with help text and error message. */
export function Fieldset({ id, legend, help, error, required, children }: FieldsetProps) {
  const { t } = useTranslation();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      id={id}
      className="field fieldset"
      data-invalid={error ? true : undefined}
      aria-describedby={describedBy(helpId, errorId)}
    >
      <legend className="field__label">
        {legend}
        {required ? null : <span className="field__optional"> {t('form.optional')}</span>}
      </legend>
      {help ? (
        <p id={helpId} className="field__help">
          {help}
        </p>
      ) : null}
      {error && errorId ? <FieldError id={errorId} message={error} /> : null}
      {children(describedBy(helpId, errorId))}
    </fieldset>
  );
}

/**
 * The list of a form's problems after a failed submit, each linking to its field (the pattern
 * screen-reader users rely on). It is announced as an alert; the page moves focus to the first
 * invalid field itself.
 */
export function ErrorSummary({
  id,
  errors,
  other = [],
}: {
  id: string;
  errors: Array<{ field: string; label: string; message: string }>;
  other?: string[];
}) {
  const { t } = useTranslation();
  if (errors.length === 0 && other.length === 0) return null;
  return (
    <div id={id} className="notice notice--danger error-summary" role="alert" aria-labelledby={`${id}-title`}>
      <AlertIcon />
      <div>
        <p id={`${id}-title`} className="notice__title">
          {t('form.summaryTitle')}
        </p>
        <ul className="error-summary__list">
          {errors.map((e) => (
            <li key={e.field}>
              <a
                href={`#${e.field}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusField(e.field);
                }}
              >
                {e.label}: {e.message}
              </a>
            </li>
          ))}
          {other.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Focuses a field by id: the control itself, or the first control inside a fieldset. */
export function focusField(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  const target =
    element instanceof HTMLFieldSetElement
      ? (element.querySelector<HTMLElement>('input:checked, input, select, textarea') ?? element)
      : element;
  target.focus();
  target.scrollIntoView({ block: 'center' });
}
