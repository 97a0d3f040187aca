import { JALALI_MONTH_NAMES_FA, PROVINCES, countiesOf, fromJalali, isValidJalaliDate, jalaliMonthLength, toJalali, toPersianDigits } from '@dargah/persian';
import { ariaDescribedByIds, type FieldProps, type WidgetProps } from '@rjsf/utils';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { identifierOf, normaliseCode, parseNumber, showCode } from './digits';

/**
 * The desk form's own controls for the Iranian field types (ADR 0035). Every one accepts Persian
 * and Arabic digits, keeps ASCII digits in the form data (what the server stores) and shows
 * Persian digits on a Persian page; each is tied to its label, help and error by id.
 */

const invalid = (props: WidgetProps | FieldProps) => ((props.rawErrors?.length ?? 0) > 0 ? { 'aria-invalid': true as const } : {});

/** National code, legal id, postal code, mobile, Sheba: the schema's `format` says which. */
export function CodeWidget(props: WidgetProps) {
  const { i18n } = useTranslation();
  const { id, required, disabled, readonly, onChange, onBlur, onFocus, schema, htmlName } = props;
  const value: unknown = props.value;
  const format = identifierOf(schema.format);
  const text = typeof value === 'string' ? showCode(value, i18n.language) : '';
  return (
    <input
      id={id}
      name={htmlName ?? id}
      className="input input--digits"
      type={format === 'ir-mobile' ? 'tel' : 'text'}
      inputMode={format === 'ir-sheba' ? 'text' : 'numeric'}
      dir="ltr"
      autoComplete="off"
      spellCheck={false}
      value={text}
      required={required}
      disabled={disabled || readonly}
      aria-describedby={ariaDescribedByIds(id)}
      {...invalid(props)}
      onChange={(e) => onChange(e.target.value === '' ? undefined : normaliseCode(e.target.value, format))}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

/** A number typed in any digits: the form data holds a number once the text is one (the server takes numbers only). */
export function NumberWidget(props: WidgetProps) {
  const { i18n } = useTranslation();
  const { id, required, disabled, readonly, onChange, onBlur, onFocus, schema, htmlName } = props;
  const value: unknown = props.value;
  const shown = typeof value === 'number' || typeof value === 'string' ? showCode(String(value), i18n.language) : '';
  const [text, setText] = useState(shown);
  // What the box shows follows the form data unless it holds a number still being typed (`۱۲٫`).
  const display = parseNumber(text) === value || (typeof value === 'string' && value === text) ? text : shown;
  return (
    <input
      id={id}
      name={htmlName ?? id}
      className="input input--digits"
      type="text"
      inputMode={schema.type === 'integer' ? 'numeric' : 'decimal'}
      dir="ltr"
      autoComplete="off"
      value={display}
      required={required}
      disabled={disabled || readonly}
      aria-describedby={ariaDescribedByIds(id)}
      {...invalid(props)}
      onChange={(e) => {
        setText(e.target.value);
        const n = parseNumber(e.target.value);
        onChange(e.target.value.trim() === '' ? undefined : (n ?? e.target.value));
      }}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

/** The Jalali year, month and day of an ISO date (`2024-03-20`), or blanks. */
function partsOf(value: unknown): { y: string; m: string; d: string } {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return { y: '', m: '', d: '' };
  const j = toJalali(new Date(`${value}T12:00:00Z`));
  return { y: String(j.jy), m: String(j.jm), d: String(j.jd) };
}

/** The ISO (Gregorian) date the server validates (`format: "date"`) for a Jalali day, or undefined while incomplete. */
export function isoOfJalali(jy: number, jm: number, jd: number): string | undefined {
  if (!isValidJalaliDate({ jy, jm, jd })) return undefined;
  const g = fromJalali(jy, jm, jd);
  // fromJalali gives the start of the day in Tehran; the calendar date is taken at noon UTC of that day.
  const noon = new Date(g.getTime() + 12 * 3_600_000);
  return noon.toISOString().slice(0, 10);
}

/**
 * A Jalali date picker: day, month (by name) and year as three lists, the form data the
 * Gregorian ISO date (`format: "date"`) the server checks. Years from a century back to ten ahead.
 */
export function JalaliDateWidget(props: WidgetProps) {
  const { t, i18n } = useTranslation();
  const { id, required, disabled, readonly, onChange, onBlur } = props;
  const value: unknown = props.value;
  const [parts, setParts] = useState(() => partsOf(value));
  const fromValue = partsOf(value);
  const current = fromValue.y ? fromValue : parts;
  const digits = (n: number) => (i18n.language === 'fa' ? toPersianDigits(n) : String(n));
  const thisYear = toJalali(new Date()).jy;
  const years = Array.from({ length: 111 }, (_, i) => thisYear + 10 - i);
  const days = current.y && current.m ? jalaliMonthLength(Number(current.y), Number(current.m)) : 31;
  const set = (patch: Partial<typeof parts>) => {
    const next = { ...current, ...patch };
    setParts(next);
    const iso = next.y && next.m && next.d ? isoOfJalali(Number(next.y), Number(next.m), Number(next.d)) : undefined;
    onChange(iso);
  };
  const common = { required, disabled: disabled || readonly, className: 'input', ...invalid(props), onBlur: () => onBlur(id, value) };
  return (
    <div className="jalali-date" aria-describedby={ariaDescribedByIds(id)}>
      <label className="visually-hidden" htmlFor={id}>{t('deskForm.day')}</label>
      <select id={id} {...common} value={current.d} onChange={(e) => set({ d: e.target.value })}>
        <option value="">{t('deskForm.day')}</option>
        {Array.from({ length: days }, (_, i) => i + 1).map((d) => (
          <option key={d} value={String(d)}>{digits(d)}</option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={`${id}-month`}>{t('deskForm.month')}</label>
      <select id={`${id}-month`} {...common} value={current.m} onChange={(e) => set({ m: e.target.value })}>
        <option value="">{t('deskForm.month')}</option>
        {JALALI_MONTH_NAMES_FA.map((name, i) => (
          <option key={name} value={String(i + 1)}>{name}</option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={`${id}-year`}>{t('deskForm.year')}</label>
      <select id={`${id}-year`} {...common} value={current.y} onChange={(e) => set({ y: e.target.value })}>
        <option value="">{t('deskForm.year')}</option>
        {years.map((y) => (
          <option key={y} value={String(y)}>{digits(y)}</option>
        ))}
      </select>
    </div>
  );
}

/**
 * Province and county as two linked lists (`ui:field: "provinceCounty"` on an object with
 * `province` and `county`): choosing a province lists its counties and clears the county.
 */
export function ProvinceCountyField(props: FieldProps) {
  const { t } = useTranslation();
  const { fieldPathId, onChange, schema, required, disabled, readonly, errorSchema } = props;
  const formData: unknown = props.formData;
  const id = fieldPathId.$id;
  const data = (formData ?? {}) as { province?: string; county?: string };
  const counties = data.province ? countiesOf(data.province) : [];
  const errors = (name: 'province' | 'county') => (errorSchema as Record<string, { __errors?: string[] } | undefined> | undefined)?.[name]?.__errors ?? [];
  const control = (name: 'province' | 'county', label: string, options: readonly string[]) => {
    const own = errors(name);
    const cid = `${id}_${name}`;
    return (
      <div className="field" data-invalid={own.length > 0 ? true : undefined}>
        <label htmlFor={cid} className="field__label">{label}</label>
        {own.length > 0 ? (
          <p id={`${cid}__error`} className="field__error">{own[0]}</p>
        ) : null}
        <select
          id={cid}
          className="input"
          value={data[name] ?? ''}
          required={required}
          disabled={disabled || readonly || (name === 'county' && !data.province)}
          aria-describedby={own.length > 0 ? `${cid}__error` : undefined}
          {...(own.length > 0 ? { 'aria-invalid': true as const } : {})}
          onChange={(e) => {
            const v = e.target.value || undefined;
            const next = name === 'province' ? { province: v, county: undefined } : { ...data, county: v };
            onChange(next, fieldPathId.path);
          }}
        >
          <option value="">{t('form.choose')}</option>
          {options.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </div>
    );
  };
  return (
    <fieldset id={id} className="fieldset province-county">
      <legend className="field__label">{schema.title}</legend>
      {control('province', t('deskForm.province'), PROVINCES.map((p) => p.name))}
      {control('county', t('deskForm.county'), counties)}
    </fieldset>
  );
}
