import { createContext, useContext, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../../components/Dialog';
import { Field, Fieldset } from '../../../../components/Field';
import { fieldId, rowIsEmpty, type CardForm, type HintKey } from '../cardForm';
import { marked } from './RequiredMark';

/*
 * The editor's controls. Each is named by its content path (`process.normDays`): the control id
 * is `fieldId(path)`, the server's problem at that path is shown at it, and so is the browser's
 * hint (checked here only to help; the server decides). Whether a field is mandatory comes from
 * the one list the server's submission check reads (`requiredCardPaths`, REQUIRED_CARD_FIELDS in
 * contracts): a visible «*» with its words for screen readers, and `aria-required` on the control.
 */

export interface CardFormApi {
  form: CardForm;
  /** Sets the value at `valuePath` and forgets the problem shown at `errorPath` (the same by default). */
  update: (valuePath: string, value: unknown, errorPath?: string) => void;
  errorAt: (path: string) => string | undefined;
  hintAt: (path: string) => HintKey | undefined;
  /** Whether submission needs the field at this path, given what the card says so far. */
  requiredAt: (path: string) => boolean;
}

export const CardFormContext = createContext<CardFormApi | null>(null);

export function useCardForm(): CardFormApi {
  const api = useContext(CardFormContext);
  if (!api) throw new Error('useCardForm outside the card editor');
  return api;
}

/** The value at a dotted path of the form. */
export function getAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A copy of `root` with `value` at the dotted path (arrays stay arrays). */
export function setAt<T>(root: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const key = head!;
  const container = root as unknown;
  const current = (container as Record<string, unknown>)[key];
  const next = rest.length === 0 ? value : setAt(current ?? {}, rest.join('.'), value);
  if (Array.isArray(container)) {
    const copy = [...(container as unknown[])];
    copy[Number(key)] = next;
    return copy as T;
  }
  return { ...(container as Record<string, unknown>), [key]: next } as T;
}

function useHelp(path: string, help?: ReactNode): ReactNode {
  const { t } = useTranslation();
  const { hintAt } = useCardForm();
  const hint = hintAt(path);
  if (!help && !hint) return undefined;
  return (
    <>
      {help}
      {hint ? (
        <span className="cf-hint">
          {help ? ' ' : null}
          <span className="visually-hidden">{t('catalogueCards.cardEditorPage.hintPrefix')}</span>
          {t(`catalogueCards.cardEditorPage.hint.${hint}`)}
        </span>
      ) : null}
    </>
  );
}

interface TextProps {
  path: string;
  label: ReactNode;
  help?: ReactNode;
  multiline?: boolean;
  /** Left-to-right content: numbers, Sheba, links, dates. */
  ltr?: boolean;
  inputMode?: 'numeric' | 'url' | 'text' | 'tel';
  placeholder?: string;
  autoComplete?: string;
}

/** A text input or textarea at `path`. */
export function TextField({ path, label, help, multiline, ltr, inputMode, placeholder }: TextProps) {
  const { form, update, errorAt, requiredAt } = useCardForm();
  const required = requiredAt(path);
  const value = (getAt(form, path) as string | undefined) ?? '';
  const helpNode = useHelp(path, help);
  return (
    <Field id={fieldId(path)} label={marked(label, required)} help={helpNode} error={errorAt(path)} required={required}>
      {(props) =>
        multiline ? (
          <textarea
            {...props}
            aria-required={required || undefined}
            className="input"
            rows={3}
            value={value}
            onChange={(e) => update(path, e.target.value)}
          />
        ) : (
          <input
            {...props}
            aria-required={required || undefined}
            className={ltr ? 'input input--digits' : 'input'}
            dir={ltr ? 'ltr' : undefined}
            inputMode={inputMode}
            placeholder={placeholder}
            autoComplete="off"
            value={value}
            onChange={(e) => update(path, e.target.value)}
          />
        )
      }
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A select at `path`, with a blank «انتخاب کنید» first. */
export function SelectField({
  path,
  label,
  help,
  options,
  disabled,
  placeholder,
}: {
  path: string;
  label: ReactNode;
  help?: ReactNode;
  options: Option[];
  disabled?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const { form, update, errorAt, requiredAt } = useCardForm();
  const required = requiredAt(path);
  const value = (getAt(form, path) as string | undefined) ?? '';
  const helpNode = useHelp(path, help);
  return (
    <Field id={fieldId(path)} label={marked(label, required)} help={helpNode} error={errorAt(path)} required={required}>
      {(props) => (
        <select
          {...props}
          aria-required={required || undefined}
          className="input"
          value={value}
          disabled={disabled}
          onChange={(e) => update(path, e.target.value)}
        >
          <option value="">{placeholder ?? t('catalogueCards.form.choose')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * Radio buttons (one value) or checkboxes (several) under one legend. `path` names the fieldset
 * (and its problems); `valuePath` where the value lives when it differs (an answer to a list).
 */
export function ChoiceGroup({
  path,
  valuePath,
  legend,
  help,
  options,
  multiple,
  columns,
}: {
  path: string;
  valuePath?: string;
  legend: ReactNode;
  help?: ReactNode;
  options: Option[];
  multiple?: boolean;
  columns?: boolean;
}) {
  const { form, update, errorAt, requiredAt } = useCardForm();
  const required = requiredAt(path);
  const at = valuePath ?? path;
  const raw = getAt(form, at);
  const selected = multiple ? ((raw as string[] | undefined) ?? []) : [(raw as string | undefined) ?? ''];
  const id = fieldId(path);
  const helpNode = useHelp(path, help);
  return (
    <Fieldset
      id={id}
      legend={marked(legend, required, multiple)}
      help={helpNode}
      error={errorAt(path)}
      required={required}
    >
      {(describedBy) => (
        <div className={columns ? 'radios cf-choices--columns' : 'radios'}>
          {options.map((o, i) => {
            const checked = selected.includes(o.value);
            return (
              <label key={o.value} className="check" htmlFor={`${id}-${i}`}>
                <input
                  id={`${id}-${i}`}
                  type={multiple ? 'checkbox' : 'radio'}
                  name={id}
                  value={o.value}
                  checked={checked}
                  // A radio group is required as a whole (one answer); checkboxes are not each required.
                  required={required && !multiple ? true : undefined}
                  aria-describedby={describedBy}
                  onChange={(e) => {
                    if (!multiple) update(at, o.value, path);
                    else
                      update(
                        at,
                        e.target.checked
                          ? [...selected.filter((v) => v !== o.value), o.value]
                          : selected.filter((v) => v !== o.value),
                        path,
                      );
                  }}
                />
                <span>{o.label}</span>
              </label>
            );
          })}
        </div>
      )}
    </Fieldset>
  );
}

/** A yes/no question (radio buttons) whose value is 'yes' | 'no' | ''. */
export function YesNoField({ path, legend, help }: { path: string; legend: ReactNode; help?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ChoiceGroup
      path={path}
      legend={legend}
      help={help}
      options={[
        { value: 'yes', label: t('common.yes') },
        { value: 'no', label: t('common.no') },
      ]}
    />
  );
}

/** A single checkbox at `path` (a boolean). */
export function CheckField({ path, label }: { path: string; label: ReactNode }) {
  const { form, update, errorAt } = useCardForm();
  const id = fieldId(path);
  const error = errorAt(path);
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={getAt(form, path) === true}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => update(path, e.target.checked)}
        />
        <span>{label}</span>
      </label>
    </div>
  );
}

/**
 * A repeating group: a fieldset per row with its own legend and remove button (no question for
 * an empty row, a confirmation otherwise), and an add button that moves focus into the new row.
 */
export function RepeatGroup<Row extends { key: string }>({
  path,
  groupPath,
  legend,
  help,
  rows,
  itemLabel,
  addLabel,
  make,
  children,
}: {
  path: string;
  /** Names the group's fieldset and its problems when they differ from the rows' path. */
  groupPath?: string;
  legend: ReactNode;
  help?: ReactNode;
  rows: Row[];
  itemLabel: (n: number) => string;
  addLabel: string;
  make: () => Row;
  children: (row: Row, index: number, rowPath: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const { update, errorAt, requiredAt } = useCardForm();
  const required = requiredAt(groupPath ?? path);
  const [confirming, setConfirming] = useState<number | null>(null);
  const id = fieldId(groupPath ?? path);

  const remove = (index: number) => {
    update(
      path,
      rows.filter((_, i) => i !== index),
      path,
    );
    // Focus stays in the group: on the add button, the one control sure to be there.
    requestAnimationFrame(() => document.getElementById(`${id}-add`)?.focus());
  };
  const add = () => {
    update(path, [...rows, make()], path);
    const n = rows.length;
    requestAnimationFrame(() => {
      const row = document.getElementById(`${id}-${n}-row`);
      row?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    });
  };

  return (
    <Fieldset
      id={id}
      legend={marked(legend, required, true)}
      help={help}
      error={errorAt(groupPath ?? path)}
      required={required}
    >
      {() => (
        <div className="cf-rows">
          {rows.length === 0 ? <p className="text-muted">{t('catalogueCards.form.none')}</p> : null}
          {rows.map((row, i) => (
            <fieldset key={row.key} id={`${id}-${i}-row`} className="cf-row">
              <legend className="cf-row__legend">{itemLabel(i + 1)}</legend>
              <div className="cf-row__body">{children(row, i, `${path}.${i}`)}</div>
              <div className="cf-row__actions">
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => (rowIsEmpty(row) ? remove(i) : setConfirming(i))}
                >
                  {t('catalogueCards.form.removeRow', { item: itemLabel(i + 1) })}
                </button>
              </div>
            </fieldset>
          ))}
          <div>
            <button id={`${id}-add`} type="button" className="button button--secondary button--small" onClick={add}>
              {addLabel}
            </button>
          </div>
          <Dialog
            open={confirming !== null}
            onClose={() => setConfirming(null)}
            title={t('catalogueCards.form.removeTitle', { item: itemLabel((confirming ?? 0) + 1) })}
            footer={
              <>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => {
                    const index = confirming;
                    setConfirming(null);
                    if (index !== null) remove(index);
                  }}
                >
                  {t('catalogueCards.form.removeConfirm')}
                </button>
                <button type="button" className="button button--ghost" onClick={() => setConfirming(null)}>
                  {t('common.cancel')}
                </button>
              </>
            }
          >
            <p>{t('catalogueCards.form.removeBody', { item: itemLabel((confirming ?? 0) + 1) })}</p>
          </Dialog>
        </div>
      )}
    </Fieldset>
  );
}
