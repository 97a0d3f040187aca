import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { PlusIcon } from '../../../components/icons';
import type { useFormState } from '../../../lib/useFormState';
import { SubmitButton } from '../../../components/SubmitButton';

/** The administration forms' shared pieces: a bound text input, the submit row, a section header. */

type FormState<K extends string> = ReturnType<typeof useFormState<K>>;

/** A text input bound to `form` under `name`, in a labelled field with its help and error. */
export function FormInput<K extends string>({
  form,
  name,
  label,
  help,
  required = false,
  className,
  ...input
}: {
  form: FormState<K>;
  name: K;
  label: string;
  help?: ReactNode;
  required?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'form' | 'name' | 'value' | 'onChange' | 'required'>) {
  return (
    <Field id={form.idOf(name)} name={name} label={label} help={help} error={form.errorOf(name)} required={required}>
      {(props) => (
        <input {...props} className={['input', className].filter(Boolean).join(' ')} {...input} {...form.bind(name)} />
      )}
    </Field>
  );
}

/** Submit (with a spinner while pending) and, when `onCancel` is given, cancel. */
export function FormActions({
  pending,
  submitLabel,
  onCancel,
}: {
  pending: boolean;
  submitLabel: string;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
      {onCancel ? (
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      ) : null}
    </div>
  );
}

/** A card's title and, when `action` is given, its one button (to add or to edit). */
export function SectionHeader({
  titleId,
  title,
  action,
}: {
  titleId: string;
  title: string;
  action?: { id: string; label: string; onClick: () => void; add?: boolean } | null | false;
}) {
  return (
    <div className="card__header">
      <h2 id={titleId} className="card__title">
        {title}
      </h2>
      {action ? (
        <button
          id={action.id}
          type="button"
          className={`button ${action.add ? 'button--secondary' : 'button--ghost'} button--small`}
          onClick={action.onClick}
        >
          {action.add ? <PlusIcon /> : null}
          {action.label}
        </button>
      ) : null}
    </div>
  );
}

/** What was just done, announced politely; nothing when `message` is empty. */
export function DoneNotice({ message }: { message: string | null | false }) {
  return message ? (
    <Notice tone="success" role="status">
      <p>{message}</p>
    </Notice>
  ) : null;
}
