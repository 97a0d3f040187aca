import Form from '@rjsf/core';
import type { ErrorSchema, UiSchema } from '@rjsf/utils';
import { toPersianDigits } from '@dargah/persian';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asciiCodes } from './digits';
import { serverErrorSchema, transformErrorsWith } from './errors';
import { ArrayFieldItemTemplate, ArrayFieldTemplate, BaseInputTemplate, ErrorListTemplate, FieldTemplate, NoButton, ObjectFieldTemplate, RadioWidget } from './templates';
import { uiFor } from './uiDefaults';
import { deskValidator, withoutEmptyStrings } from './validator';
import { CodeWidget, JalaliDateWidget, NumberWidget, ProvinceCountyField } from './widgets';
import type { WidgetProps } from '@rjsf/utils';
import { identifierOf } from './digits';

export type FormData = Record<string, unknown>;

export interface DeskFormProps {
  /** The service version's JSON Schema (the one the server validates with ajv). */
  schema: Record<string, unknown>;
  /** Its UI schema; the desk's defaults fill what it leaves out (uiDefaults.ts). */
  uiSchema?: Record<string, unknown>;
  formData: FormData;
  onChange: (data: FormData) => void;
  /** Called with the data to send (empty strings dropped, codes in ASCII digits) once the form is valid here. */
  onSubmit?: (data: FormData) => void;
  /** The server's problems (`{ field: 'body.form.x', message }`), shown at their fields. */
  serverErrors?: ReadonlyArray<{ field: string; message: string }>;
  /** The page's buttons (and anything else), inside the form. */
  children?: ReactNode;
  /** Prefix of the controls' ids: `f-name`, `f-group-0-name`. */
  idPrefix?: string;
  /** Told when a submit was refused by the form's own checks (the page may show what else is missing). */
  onInvalid?: () => void;
}

/** Strings: the Iranian codes, numbers typed in any digits, free text; anything else rjsf's own widget. */
function TextWidget(props: WidgetProps) {
  if (identifierOf(props.schema.format)) return <CodeWidget {...props} />;
  if (props.schema.type === 'number' || props.schema.type === 'integer') return <NumberWidget {...props} />;
  return <BaseInputTemplate {...props} />;
}

function TextareaWidget(props: WidgetProps) {
  const { id, required, disabled, readonly, onChange, onBlur, onFocus, htmlName, rawErrors } = props;
  const value: unknown = props.value;
  return (
    <textarea
      id={id}
      name={htmlName ?? id}
      className="input"
      rows={4}
      value={typeof value === 'string' ? value : ''}
      required={required}
      disabled={disabled || readonly}
      aria-describedby={[`${id}__error`, `${id}__description`].join(' ')}
      {...((rawErrors?.length ?? 0) > 0 ? { 'aria-invalid': true as const } : {})}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

const widgets = { TextWidget, TextareaWidget, DateWidget: JalaliDateWidget, RadioWidget, jalaliDate: JalaliDateWidget, code: CodeWidget };
const fields = { provinceCounty: ProvinceCountyField };
const templates = {
  FieldTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  BaseInputTemplate,
  ErrorListTemplate,
  ButtonTemplates: { SubmitButton: NoButton },
};

/**
 * A service's form rendered by rjsf from its JSON Schema and UI schema (issue 11 item 2, ADR 0035):
 * the Iranian field types with their own controls, repeating groups, conditional fields
 * (`dependencies`, `if`/`then`), Persian messages at each field, and the server's problems at
 * theirs. Checked as the user goes once they have tried to submit.
 */
export function DeskForm({ schema, uiSchema, formData, onChange, onSubmit, serverErrors, children, idPrefix = 'f', onInvalid }: DeskFormProps) {
  const { t, i18n } = useTranslation();
  const [tried, setTried] = useState(false);
  const ui = useMemo(() => uiFor(schema, uiSchema ?? {}) as UiSchema, [schema, uiSchema]);
  const digits = (n: unknown) => (i18n.language === 'fa' ? toPersianDigits(String(n)) : String(n));
  const transformErrors = transformErrorsWith(t as unknown as (key: string, values?: Record<string, unknown>) => string, digits);
  const extra = useMemo(() => serverErrorSchema(serverErrors ?? []).tree as ErrorSchema, [serverErrors]);
  return (
    <Form
      className="stack desk-form"
      schema={schema}
      uiSchema={{ ...ui, 'ui:submitButtonOptions': { norender: true } }}
      formData={formData}
      validator={deskValidator}
      widgets={widgets}
      fields={fields}
      templates={templates}
      idPrefix={idPrefix}
      idSeparator="-"
      noHtml5Validate
      showErrorList="top"
      liveValidate={tried}
      focusOnFirstError
      extraErrors={extra}
      extraErrorsBlockSubmit={false}
      transformErrors={transformErrors}
      onChange={(e) => onChange((e.formData ?? {}) as FormData)}
      onError={() => {
        setTried(true);
        onInvalid?.();
      }}
      onSubmit={(e) => {
        setTried(true);
        onSubmit?.(asciiCodes(schema, withoutEmptyStrings(e.formData ?? {})) as FormData);
      }}
    >
      {children}
    </Form>
  );
}
