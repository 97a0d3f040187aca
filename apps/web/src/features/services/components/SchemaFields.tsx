import { useTranslation } from 'react-i18next';
import { Field, Fieldset } from '../../../components/Field';
import { AlertIcon } from '../../../components/icons';
import type { FieldProblem, FormFieldSpec, FormValues } from '../formSchema';

/** The message key (under `desk.formats`) saying what shape each identifier expects. */
const IDENTIFIER_MESSAGE = {
  'ir-national-code': 'nationalCode',
  'ir-legal-id': 'legalId',
  'ir-postal-code': 'postalCode',
  'ir-mobile': 'mobile',
  'ir-sheba': 'sheba',
} as const;

/** The id of a form field's control (or fieldset) on the page. */
export const fieldDomId = (name: string) => `f-${name}`;

export interface SchemaFieldsProps {
  fields: readonly FormFieldSpec[];
  values: FormValues;
  /** Message per field name (already translated). */
  errors: Record<string, string | undefined>;
  onChange: (name: string, value: string | boolean) => void;
  onBlur?: (name: string) => void;
}

/** A field problem code → the sentence shown under the field. */
export function useProblemText() {
  const { t } = useTranslation();
  return (problem: FieldProblem, field: FormFieldSpec): string => {
    const limit = problem.limit;
    switch (problem.code) {
      case 'required':
        return field.options ? t('validation.choose') : t('validation.required');
      case 'mustBeChecked':
        return t('validation.mustBeChecked');
      case 'tooShort':
        return t('validation.tooShort', { count: limit ?? 0, n: limit ?? 0 });
      case 'tooLong':
        return t('validation.tooLong', { count: limit ?? 0, n: limit ?? 0 });
      case 'notNumber':
        return t('validation.notNumber');
      case 'notInteger':
        return t('validation.notInteger');
      case 'tooSmall':
        return t('validation.tooSmall', { n: limit ?? 0 });
      case 'tooLarge':
        return t('validation.tooLarge', { n: limit ?? 0 });
      case 'pattern':
        return t('validation.pattern');
      case 'notAnOption':
        return t('validation.choose');
      case 'email':
        return t('validation.email');
      case 'identifier':
        return t(`desk.formats.${IDENTIFIER_MESSAGE[problem.format ?? 'ir-postal-code']}`);
    }
  };
}

/**
 * The controls of a service's form, one per schema property: text inputs and text areas, numbers
 * (typed as text so Persian digits work), radio buttons or a drop-down list for choices, and
 * checkboxes. Each has its label, help text and error message tied to it.
 */
export function SchemaFields({ fields, values, errors, onChange, onBlur }: SchemaFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      {fields.map((field) => {
        const id = fieldDomId(field.name);
        const error = errors[field.name];
        const value = values[field.name];
        const text = typeof value === 'string' ? value : '';
        const blur = () => onBlur?.(field.name);

        if (field.kind === 'checkbox') {
          const helpId = field.help ? `${id}-help` : undefined;
          const errorId = error ? `${id}-error` : undefined;
          return (
            <div key={field.name} className="field" data-invalid={error ? true : undefined}>
              {error ? (
                <p id={errorId} className="field__error">
                  <AlertIcon />
                  <span>
                    <span className="visually-hidden">{t('form.errorPrefix')}</span>
                    {error}
                  </span>
                </p>
              ) : null}
              <div className="check">
                <input
                  id={id}
                  name={field.name}
                  type="checkbox"
                  checked={value === true}
                  onChange={(event) => onChange(field.name, event.target.checked)}
                  onBlur={blur}
                  aria-describedby={[helpId, errorId].filter(Boolean).join(' ') || undefined}
                  aria-invalid={error ? true : undefined}
                  required={field.mustBeChecked}
                />
                <label htmlFor={id}>{field.label}</label>
              </div>
              {field.help ? (
                <p id={helpId} className="field__help">
                  {field.help}
                </p>
              ) : null}
            </div>
          );
        }

        if (field.kind === 'radios' && field.options) {
          return (
            <Fieldset
              key={field.name}
              id={id}
              legend={field.label}
              help={field.help}
              error={error}
              required={field.required}
            >
              {() => (
                <div className="radios">
                  {field.options!.map((option, index) => (
                    <div key={option.key} className="check">
                      <input
                        id={`${id}-${index}`}
                        name={field.name}
                        type="radio"
                        value={option.key}
                        checked={text === option.key}
                        onChange={() => onChange(field.name, option.key)}
                        onBlur={blur}
                        required={field.required}
                        aria-invalid={error ? true : undefined}
                      />
                      <label htmlFor={`${id}-${index}`}>{option.label}</label>
                    </div>
                  ))}
                </div>
              )}
            </Fieldset>
          );
        }

        return (
          <Field
            key={field.name}
            id={id}
            name={field.name}
            label={field.label}
            help={field.help}
            error={error}
            required={field.required}
          >
            {(props) => {
              if (field.kind === 'select' && field.options) {
                return (
                  <select
                    {...props}
                    className="input"
                    value={text}
                    onChange={(event) => onChange(field.name, event.target.value)}
                    onBlur={blur}
                  >
                    <option value="">{t('form.choose')}</option>
                    {field.options.map((option) => (
                      <option key={option.key} value={option.key}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                );
              }
              if (field.kind === 'textarea') {
                return (
                  <textarea
                    {...props}
                    className="input"
                    rows={4}
                    value={text}
                    onChange={(event) => onChange(field.name, event.target.value)}
                    onBlur={blur}
                  />
                );
              }
              const numeric = field.kind === 'number';
              return (
                <input
                  {...props}
                  className={numeric || field.kind === 'tel' ? 'input input--digits' : 'input'}
                  type={field.kind === 'email' ? 'email' : field.kind === 'tel' ? 'tel' : 'text'}
                  inputMode={
                    numeric ? (field.integer ? 'numeric' : 'decimal') : field.kind === 'tel' ? 'tel' : undefined
                  }
                  dir={field.kind === 'email' ? 'ltr' : undefined}
                  autoComplete="off"
                  value={text}
                  onChange={(event) => onChange(field.name, event.target.value)}
                  onBlur={blur}
                />
              );
            }}
          </Field>
        );
      })}
    </>
  );
}
