import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { BackIcon, DocumentIcon } from '../../../components/icons';
import type { ServiceVersionView } from '../../../lib/contracts';
import { fieldProblemsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { LazyDeskForm as DeskForm, type DeskFormData as FormData } from '../../services';
import { serviceVersionsQuery, updateServiceVersion } from '../api';
import { FIELD_TYPES, fieldsOf, freshName, move, schemasOf, type BuilderField, type FieldType } from '../formBuilder/schema';

/**
 * `/admin/agencies/$agencyId/services/$serviceId/versions/$no/form`: the form builder (issue 11
 * item 2, ADR 0035). The agency's administrator adds, removes and reorders fields of the supported
 * types (the Iranian ones too), with title, required, options, a repeating group and a condition;
 * the JSON Schema and UI schema are made from them, previewed live in a phone-sized frame, and
 * saved into the draft. The server checks the schema and its problems are shown at their path.
 */
export function FormBuilderPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { agencyId = '', serviceId = '', no = '' } = useParams({ strict: false });
  const versions = useQuery(serviceVersionsQuery(serviceId));
  const back = (
    <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
      <Link to="/admin/agencies/$agencyId/services/$serviceId/versions" params={{ agencyId, serviceId }}>
        <BackIcon />
        {t('formBuilder.back')}
      </Link>
    </nav>
  );
  return (
    <PageQueryStates query={versions} icon={<DocumentIcon />} before={back} loadingTitle={t('admin.versions.loading')} failedTitle={t('admin.versions.notFound')}>
      {(list) => {
        const version = list.items.find((v) => String(v.versionNo) === no);
        return (
          <div className="stack-lg">
            {back}
            <PageHeader title={t('formBuilder.title', { no: format.digits(no) })} lead={list.title} icon={<DocumentIcon />} />
            {version && version.state === 'draft' && list.mayEdit ? (
              <Builder serviceId={serviceId} draft={version} />
            ) : (
              <Notice tone="info">
                <p>{t('formBuilder.notDraft')}</p>
              </Notice>
            )}
          </div>
        );
      }}
    </PageQueryStates>
  );
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

function Builder({ serviceId, draft }: { serviceId: string; draft: ServiceVersionView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<BuilderField[]>(() => fieldsOf(draft.formSchema, draft.uiSchema));
  const [preview, setPreview] = useState<FormData>({});
  const [saved, setSaved] = useState(false);
  const { formSchema, uiSchema } = useMemo(() => schemasOf(fields), [fields]);
  const save = useMutation({
    mutationFn: () => updateServiceVersion(serviceId, draft.versionNo, { rowVersion: draft.rowVersion, formSchema, uiSchema }),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'services', serviceId] });
    },
  });
  // The server's problems of the schema, by the field they are about (`body.formSchema.properties.x.title`).
  const problems = fieldProblemsOf(save.error).filter((p) => p.field.startsWith('body.formSchema'));
  const problemsAt = (name: string) => problems.filter((p) => p.field.split('.').includes(name)).map((p) => p.message);
  const unplaced = problems.filter((p) => !fields.some((f) => p.field.split('.').includes(f.name)));
  const update = (i: number, patch: Partial<BuilderField>) => {
    setSaved(false);
    setFields((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  };

  return (
    <div className="form-builder">
      <section className="card stack" aria-labelledby="builder-fields-title">
        <h2 id="builder-fields-title" className="card__title">{t('formBuilder.fields')}</h2>
        {unplaced.length > 0 || (save.error && problems.length === 0) ? (
          save.error && problems.length === 0 ? <ErrorNotice error={save.error} /> : (
            <Notice tone="danger" title={t('formBuilder.problems')}>
              <ul>{unplaced.map((p) => <li key={p.field + p.message}><bdi dir="ltr">{p.field}</bdi>: {p.message}</li>)}</ul>
            </Notice>
          )
        ) : null}
        {saved ? <Notice tone="success" role="status"><p>{t('formBuilder.saved')}</p></Notice> : null}
        <ol className="stack" aria-label={t('formBuilder.fields')}>
          {fields.map((field, i) => (
            <li key={i} className="card stack">
              <FieldEditor
                field={field}
                index={i}
                others={fields.filter((f, j) => j !== i && !f.condition && (f.type === 'choice' || f.type === 'boolean'))}
                problems={problemsAt(field.name)}
                onChange={(patch) => update(i, patch)}
              />
              <div className="cluster">
                <button type="button" className="button button--ghost button--small" disabled={i === 0} onClick={() => setFields((fs) => move(fs, i, -1))}>{t('formBuilder.up', { title: field.title })}</button>
                <button type="button" className="button button--ghost button--small" disabled={i === fields.length - 1} onClick={() => setFields((fs) => move(fs, i, 1))}>{t('formBuilder.down', { title: field.title })}</button>
                <button type="button" className="button button--ghost button--small" onClick={() => setFields((fs) => fs.filter((_, j) => j !== i))}>{t('formBuilder.remove', { title: field.title })}</button>
              </div>
            </li>
          ))}
        </ol>
        <div className="cluster">
          <button type="button" className="button button--secondary" onClick={() => setFields((fs) => [...fs, { name: freshName(fs), title: '', type: 'text', required: false }])}>
            {t('formBuilder.add')}
          </button>
          <button type="button" className="button button--primary" disabled={save.isPending} onClick={() => save.mutate()}>
            {t('formBuilder.save')}
          </button>
        </div>
        <details>
          <summary>{t('formBuilder.json')}</summary>
          <pre dir="ltr" className="input--code" tabIndex={0} aria-label={t('formBuilder.json')}>{JSON.stringify({ formSchema, uiSchema }, null, 2)}</pre>
        </details>
      </section>
      <section className="stack" aria-labelledby="builder-preview-title">
        <h2 id="builder-preview-title" className="card__title">{t('formBuilder.preview')}</h2>
        <div className="phone-frame" data-testid="form-preview">
          <DeskForm schema={formSchema} uiSchema={uiSchema} formData={preview} onChange={setPreview} idPrefix="preview" />
        </div>
      </section>
    </div>
  );
}

function FieldEditor({ field, index, others, problems, onChange, nested = false }: { field: BuilderField; index: number; others: BuilderField[]; problems: string[]; onChange: (patch: Partial<BuilderField>) => void; nested?: boolean }) {
  const { t } = useTranslation();
  const id = `${nested ? 'sub' : 'fb'}-${index}-${field.name}`;
  const nameBad = !NAME.test(field.name);
  const condField = others.find((o) => o.name === field.condition?.field);
  return (
    <fieldset className="fieldset stack" aria-label={t('formBuilder.fieldN', { n: index + 1, title: field.title })}>
      {problems.length > 0 ? <ul className="error-list">{problems.map((m) => <li key={m}>{m}</li>)}</ul> : null}
      <div className="field">
        <label htmlFor={`${id}-title`} className="field__label">{t('formBuilder.fieldTitle')}</label>
        <input id={`${id}-title`} className="input" value={field.title} onChange={(e) => onChange({ title: e.target.value })} />
      </div>
      <div className="field" data-invalid={nameBad ? true : undefined}>
        <label htmlFor={`${id}-name`} className="field__label">{t('formBuilder.fieldName')}</label>
        {nameBad ? <p id={`${id}-name-error`} className="field__error">{t('formBuilder.badName')}</p> : null}
        <input id={`${id}-name`} className="input" dir="ltr" value={field.name} aria-describedby={nameBad ? `${id}-name-error` : undefined} {...(nameBad ? { 'aria-invalid': true as const } : {})} onChange={(e) => onChange({ name: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`} className="field__label">{t('formBuilder.fieldType')}</label>
        <select id={`${id}-type`} className="input" value={field.type} onChange={(e) => onChange({ type: e.target.value as FieldType })}>
          {FIELD_TYPES.filter((ft) => !nested || ft !== 'group').map((ft) => <option key={ft} value={ft}>{t(`formBuilder.types.${ft}`)}</option>)}
        </select>
      </div>
      <div className="check">
        <input id={`${id}-required`} type="checkbox" checked={field.required} onChange={(e) => onChange({ required: e.target.checked })} />
        <label htmlFor={`${id}-required`}>{t('formBuilder.required')}</label>
      </div>
      {field.type === 'choice' ? (
        <div className="field">
          <label htmlFor={`${id}-options`} className="field__label">{t('formBuilder.options')}</label>
          <textarea id={`${id}-options`} className="input" rows={3} value={(field.options ?? []).join('\n')} onChange={(e) => onChange({ options: e.target.value.split('\n') })} />
        </div>
      ) : null}
      {field.type === 'group' ? (
        <div className="stack">
          <p className="field__label">{t('formBuilder.groupFields')}</p>
          {(field.fields ?? []).map((sub, j) => (
            <div key={j} className="stack">
              <FieldEditor field={sub} index={j} others={[]} problems={[]} nested onChange={(patch) => onChange({ fields: (field.fields ?? []).map((f, k) => (k === j ? { ...f, ...patch } : f)) })} />
              <button type="button" className="button button--ghost button--small" onClick={() => onChange({ fields: (field.fields ?? []).filter((_, k) => k !== j) })}>{t('formBuilder.remove', { title: sub.title })}</button>
            </div>
          ))}
          <button type="button" className="button button--secondary button--small" onClick={() => onChange({ fields: [...(field.fields ?? []), { name: freshName(field.fields ?? []), title: '', type: 'text', required: false }] })}>
            {t('formBuilder.addToGroup')}
          </button>
        </div>
      ) : null}
      {!nested ? (
        <div className="field">
          <label htmlFor={`${id}-cond`} className="field__label">{t('formBuilder.condition')}</label>
          <select
            id={`${id}-cond`}
            className="input"
            value={field.condition?.field ?? ''}
            onChange={(e) => {
              const on = others.find((o) => o.name === e.target.value);
              onChange({ condition: on ? { field: on.name, equals: on.type === 'boolean' ? true : (on.options?.[0] ?? '') } : undefined });
            }}
          >
            <option value="">{t('formBuilder.always')}</option>
            {others.map((o) => <option key={o.name} value={o.name}>{o.title || o.name}</option>)}
          </select>
          {condField && condField.type === 'choice' ? (
            <>
              <label htmlFor={`${id}-cond-value`} className="field__label">{t('formBuilder.conditionValue')}</label>
              <select id={`${id}-cond-value`} className="input" value={String(field.condition?.equals ?? '')} onChange={(e) => onChange({ condition: { field: condField.name, equals: e.target.value } })}>
                {(condField.options ?? []).filter((o) => o.trim() !== '').map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            </>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
