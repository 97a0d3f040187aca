import {
  ariaDescribedByIds,
  descriptionId,
  errorId,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type ErrorListProps,
  type FieldTemplateProps,
  type IconButtonProps,
  type ObjectFieldTemplateProps,
  type WidgetProps,
} from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, FieldError as ErrorLine } from '../../../components/Field';

/**
 * rjsf templates in the app's own markup (ADR 0035): the `.field` label, help and error lines of
 * components/Field.tsx (error above the control, «اختیاری» on optional fields), fieldsets with a
 * legend for groups, and text buttons for repeating groups, so the form reads like every other
 * form in Dargah and passes axe.
 */

export function FieldTemplate(props: FieldTemplateProps) {
  const { t } = useTranslation();
  const { id, label, required, rawErrors, rawDescription, children, hidden, displayLabel, schema, uiSchema } = props;
  if (hidden) return <div className="visually-hidden">{children}</div>;
  const error = rawErrors?.[0];
  // Groups (objects, arrays) and checkboxes label themselves.
  const group = schema.type === 'object' || schema.type === 'array' || uiSchema?.['ui:widget'] === 'radio';
  if (group) return children;
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      {displayLabel ? (
        <label htmlFor={id} className="field__label">
          {label}
          {required ? null : <span className="field__optional"> {t('form.optional')}</span>}
        </label>
      ) : null}
      {displayLabel && rawDescription ? (
        <p id={descriptionId(id)} className="field__help">
          {rawDescription}
        </p>
      ) : null}
      {error ? <ErrorLine id={errorId(id)} message={error} /> : null}
      {children}
    </div>
  );
}

/** A group of fields: the form itself has no legend; a nested group (an address, a repeated item) has its title. */
export function ObjectFieldTemplate({ title, description, properties, fieldPathId, schema, errorSchema }: ObjectFieldTemplateProps) {
  const root = fieldPathId.path.length === 0;
  const own = (errorSchema as { __errors?: string[] } | undefined)?.__errors ?? [];
  const body = (
    <>
      {!root && description ? <p className="field__help">{description}</p> : null}
      {own.length > 0 ? <ErrorLine id={errorId(fieldPathId.$id)} message={own[0]!} /> : null}
      {properties.filter((p) => !p.hidden).map((p) => (
        <div key={p.name}>{p.content}</div>
      ))}
    </>
  );
  if (root) return <div className="stack">{body}</div>;
  return (
    <fieldset id={fieldPathId.$id} className="fieldset stack">
      <legend className="field__label">{title || schema.title}</legend>
      {body}
    </fieldset>
  );
}

/** A repeating group: its items, each removable and movable, and a button to add one. */
export function ArrayFieldTemplate({ title, schema, items, canAdd, onAddClick, fieldPathId, rawErrors, disabled, readonly }: ArrayFieldTemplateProps) {
  const { t } = useTranslation();
  const error = rawErrors?.[0];
  return (
    <fieldset id={fieldPathId.$id} className="fieldset stack repeating-group" data-invalid={error ? true : undefined}>
      <legend className="field__label">{title || schema.title}</legend>
      {error ? <ErrorLine id={errorId(fieldPathId.$id)} message={error} /> : null}
      {items}
      {canAdd && !disabled && !readonly ? (
        <p>
          <button type="button" className="button button--secondary button--small" onClick={onAddClick}>
            {t('deskForm.addItem', { title: title || schema.title || '' })}
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}

export function ArrayFieldItemTemplate({ children, buttonsProps, hasToolbar, index }: ArrayFieldItemTemplateProps) {
  const { t } = useTranslation();
  const { hasMoveUp, hasMoveDown, hasRemove, onMoveUpItem, onMoveDownItem, onRemoveItem, disabled, readonly } = buttonsProps;
  const off = disabled || readonly;
  const n = index + 1;
  return (
    <div className="repeating-group__item card stack">
      {children}
      {hasToolbar ? (
        <div className="cluster">
          {hasMoveUp ? (
            <button type="button" className="button button--ghost button--small" disabled={off} onClick={onMoveUpItem}>
              {t('deskForm.moveUp', { n })}
            </button>
          ) : null}
          {hasMoveDown ? (
            <button type="button" className="button button--ghost button--small" disabled={off} onClick={onMoveDownItem}>
              {t('deskForm.moveDown', { n })}
            </button>
          ) : null}
          {hasRemove ? (
            <button type="button" className="button button--ghost button--small" disabled={off} onClick={onRemoveItem}>
              {t('deskForm.removeItem', { n })}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Free text in the app's input style (rjsf's own BaseInputTemplate has no class for it). */
export function BaseInputTemplate(props: WidgetProps) {
  const { id, required, disabled, readonly, onChange, onBlur, onFocus, schema, htmlName, options, rawErrors, type } = props;
  const value: unknown = props.value;
  const email = schema.format === 'email';
  return (
    <input
      id={id}
      name={htmlName ?? id}
      className="input"
      type={email ? 'email' : type === 'password' ? 'password' : 'text'}
      dir={email ? 'ltr' : undefined}
      autoComplete="off"
      value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
      required={required}
      disabled={disabled || readonly}
      aria-describedby={ariaDescribedByIds(id)}
      {...((rawErrors?.length ?? 0) > 0 ? { 'aria-invalid': true as const } : {})}
      onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

/** rjsf's submit button is replaced by the page's own; the form shows no error list of its own (the page has its summary). */
export const NoButton = (_: IconButtonProps) => null;

/** Choices as radio buttons in a fieldset whose legend is the field's title (the template adds no label for it). */
export function RadioWidget(props: WidgetProps) {
  const { t } = useTranslation();
  const { id, required, disabled, readonly, onChange, onBlur, options, label, rawErrors, schema, htmlName } = props;
  const value: unknown = props.value;
  const error = rawErrors?.[0];
  const choices = options.enumOptions ?? [];
  return (
    <fieldset id={id} className="field fieldset" data-invalid={error ? true : undefined} aria-describedby={ariaDescribedByIds(id)}>
      <legend className="field__label">
        {label || schema.title}
        {required ? null : <span className="field__optional"> {t('form.optional')}</span>}
      </legend>
      {schema.description ? <p id={descriptionId(id)} className="field__help">{schema.description}</p> : null}
      {error ? <ErrorLine id={errorId(id)} message={error} /> : null}
      <div className="radios">
        {choices.map((option, i) => (
          <div key={String(option.value)} className="check">
            <input
              id={`${id}-${i}`}
              name={htmlName ?? id}
              type="radio"
              checked={value === option.value}
              required={required}
              disabled={disabled || readonly}
              {...(error ? { 'aria-invalid': true as const } : {})}
              onChange={() => onChange(option.value)}
              onBlur={() => onBlur(id, value)}
            />
            <label htmlFor={`${id}-${i}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The id of the control an error is about: `.a.0.b` → `f-a-0-b` (DeskForm's idPrefix and separator). */
export const controlIdOf = (property: string | undefined, prefix = 'f') => [prefix, ...(property ?? '').split('.').filter(Boolean)].join('-');

/** Every problem at the top of the form, each a link to its field (the app's error summary), after a submit. */
export function ErrorListTemplate({ errors, registry }: ErrorListProps) {
  const prefix = registry.globalFormOptions.idPrefix;
  const list = errors
    .filter((e) => e.property !== undefined && e.property !== '')
    .map((e) => ({ field: controlIdOf(e.property, prefix), label: e.title ?? e.property ?? '', message: e.message ?? e.stack }));
  const seen = new Set<string>();
  return <ErrorSummary id={`${prefix}-errors`} errors={list.filter((e) => !seen.has(e.field) && seen.add(e.field))} />;
}
