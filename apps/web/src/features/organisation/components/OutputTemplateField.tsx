import { ANSWER_PLACEHOLDERS, ANSWER_TEMPLATE_MAX_CHARS, FORM_PLACEHOLDER_PREFIX, formFieldKeys } from '@dargah/contracts';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { fieldProblemsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { previewOutputTemplate } from '../api';

/** A server problem of the template, with where it is when the server says (`at.offset`, a caret position). */
interface TemplateProblem {
  message: string;
  offset: number | undefined;
}

const FIELD = 'body.outputTemplate';

/** The output template's problems in a refusal (a save's or a preview's), each with its place. */
function templateProblems(error: unknown): TemplateProblem[] {
  return fieldProblemsOf(error)
    .filter((p) => p.field === FIELD)
    .map((p) => {
      const at = (p as { at?: { offset?: unknown } }).at;
      return { message: p.message, offset: typeof at?.offset === 'number' ? at.offset : undefined };
    });
}

/**
 * The version's output template (ADR 0038): the answer's body as Persian paragraphs with named
 * placeholders. The placeholders the version may use are buttons that insert at the caret (the
 * fixed ones, then one per top-level field of the version's form); the server's problems (of the
 * last save or preview) are listed at the field, each moving the caret to its place; the preview
 * renders the text as it stands through the server, with sample values, as a PDF to open.
 */
export function OutputTemplateField({
  id,
  serviceId,
  versionNo,
  formSchema,
  value,
  onChange,
  saveError,
}: {
  id: string;
  serviceId: string;
  versionNo: number;
  formSchema: unknown;
  value: string;
  onChange: (value: string) => void;
  saveError: unknown;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const area = useRef<HTMLTextAreaElement | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: () => previewOutputTemplate(serviceId, versionNo, value.trim() ? value : null),
    onSuccess: (pdf) => setPreviewUrl(URL.createObjectURL(pdf)),
  });
  // A preview's address is let go when a newer one replaces it, and when the editor closes.
  useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl]);

  const fields = formFieldKeys(formSchema);
  const titleOf = (key: string) => {
    const props = (formSchema as { properties?: Record<string, { title?: unknown }> } | null)?.properties;
    const title = props?.[key]?.title;
    return typeof title === 'string' && title.trim() ? title : key;
  };
  const placeholders = [
    ...ANSWER_PLACEHOLDERS.map((p) => ({ name: p.name, label: i18n.language === 'en' ? p.en : p.fa })),
    ...fields.map((key) => ({ name: `${FORM_PLACEHOLDER_PREFIX}${key}`, label: t('admin.versions.outputTemplateFormField', { title: titleOf(key) }) })),
  ];
  // A save's problems are about the text as it was saved: shown until the text changes (their places
  // would no longer be right). A preview's are reset when the text changes.
  const [savedText, setSavedText] = useState<string | null>(null);
  // Only when the save's outcome changes: the text it was about.
  useEffect(() => setSavedText(saveError ? value : null), [saveError]);
  const problems = preview.error ? templateProblems(preview.error) : savedText === value ? templateProblems(saveError) : [];
  const otherPreviewError = preview.error && problems.length === 0 ? preview.error : null;

  function insert(name: string) {
    const el = area.current;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + token + value.slice(end));
    // Back to the text, the caret after what was inserted.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  function goTo(offset: number) {
    const el = area.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(offset, offset);
  }

  return (
    <fieldset className="output-template stack">
      <legend className="field__label">{t('admin.versions.outputTemplate')}</legend>
      <Field
        id={id}
        label={t('admin.versions.outputTemplateText')}
        help={t('admin.versions.outputTemplateHelp', { max: format.number(ANSWER_TEMPLATE_MAX_CHARS), example: '{{applicant.name}}' })}
        error={problems.length > 0 ? t('admin.versions.outputTemplateProblems') : undefined}
      >
        {(p) => (
          <textarea
            {...p}
            ref={area}
            dir="rtl"
            rows={8}
            className="input"
            value={value}
            maxLength={ANSWER_TEMPLATE_MAX_CHARS}
            onChange={(e) => {
              onChange(e.target.value);
              preview.reset();
            }}
          />
        )}
      </Field>
      {problems.length > 0 ? (
        <ul className="output-template__problems" aria-label={t('admin.versions.outputTemplateProblems')}>
          {problems.map((p, i) => (
            <li key={`${i}:${p.message}`}>
              {p.offset === undefined ? (
                p.message
              ) : (
                <button type="button" onClick={() => goTo(p.offset!)}>
                  {p.message}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="stack">
        <p id={`${id}-placeholders`} className="field__help">
          {t('admin.versions.outputTemplatePlaceholders')}
        </p>
        <ul className="chips output-template__placeholders" aria-labelledby={`${id}-placeholders`}>
          {placeholders.map((p) => (
            <li key={p.name}>
              <button type="button" className="button button--secondary button--small" onClick={() => insert(p.name)}>
                <span className="visually-hidden">{t('admin.versions.outputTemplateInsert')} </span>
                {p.label} <bdi dir="ltr">{`{{${p.name}}}`}</bdi>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="cluster">
        <button type="button" className="button button--secondary" disabled={preview.isPending} onClick={() => preview.mutate()}>
          {preview.isPending ? t('admin.versions.outputTemplatePreviewing') : t('admin.versions.outputTemplatePreview')}
        </button>
        {previewUrl && preview.isSuccess ? (
          <a href={previewUrl} target="_blank" rel="noopener" className="button button--ghost">
            {t('admin.versions.outputTemplateOpenPreview')}
          </a>
        ) : null}
      </div>
      <div role="status" className="visually-hidden">
        {preview.isSuccess ? t('admin.versions.outputTemplatePreviewReady') : ''}
      </div>
      {otherPreviewError ? <ErrorNotice error={otherPreviewError} /> : null}
    </fieldset>
  );
}
