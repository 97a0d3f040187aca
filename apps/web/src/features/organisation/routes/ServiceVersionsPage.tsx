import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { SubmitButton } from '../../../components/SubmitButton';
import { BackIcon, DocumentIcon } from '../../../components/icons';
import type { FeeRule, ServiceVersionList, ServiceVersionView } from '../../../lib/contracts';
import { fieldErrorsOf, fieldProblemsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { OutputTemplateField } from '../components/OutputTemplateField';
import { createServiceVersion, publishServiceVersion, serviceVersionsQuery, updateServiceVersion } from '../api';
import { feeRuleOf } from '../feeRule';

/**
 * `/admin/agencies/$agencyId/services/$serviceId/versions`: a desk service's versions (issue 11
 * item 1). Everyone with access sees them; the agency's administrator (the server's `mayEdit`)
 * drafts a new version from the latest, edits the draft and publishes it after confirming. The
 * server checks the form definition and the catalogue card; its problems are shown at the field.
 */
export function ServiceVersionsPage() {
  const { t } = useTranslation();
  const { agencyId = '', serviceId = '' } = useParams({ strict: false });
  const versions = useQuery(serviceVersionsQuery(serviceId));
  const back = (
    <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
      <Link to="/admin/agencies/$agencyId" params={{ agencyId }}>
        <BackIcon />
        {t('admin.versions.back')}
      </Link>
    </nav>
  );
  return (
    <PageQueryStates query={versions} icon={<DocumentIcon />} before={back} loadingTitle={t('admin.versions.loading')} failedTitle={t('admin.versions.notFound')}>
      {(list) => (
        <div className="stack-lg">
          {back}
          <PageHeader title={list.title} lead={t('admin.versions.lead')} icon={<DocumentIcon />} />
          <VersionsSection list={list} />
        </div>
      )}
    </PageQueryStates>
  );
}

function VersionsSection({ list }: { list: ServiceVersionList }) {
  const { t } = useTranslation();
  const { agencyId = '' } = useParams({ strict: false });
  const format = useFormat();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const [publishing, setPublishing] = useState<ServiceVersionView | null>(null);
  const keys = useRef(createSubmissionKeys()).current;
  const draft = list.items.find((v) => v.state === 'draft');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'services', list.serviceId] });
  const create = useMutation({
    mutationFn: () => createServiceVersion(list.serviceId, {}, keys.keyFor({})),
    onSuccess: async (v) => {
      keys.reset();
      setDone(t('admin.versions.drafted', { no: format.digits(v.versionNo) }));
      await refresh();
    },
  });
  const publish = useMutation({
    mutationFn: (v: ServiceVersionView) => publishServiceVersion(list.serviceId, v.versionNo, v.rowVersion),
    onSuccess: async (v) => {
      setPublishing(null);
      setDone(t('admin.versions.published', { no: format.digits(v.versionNo) }));
      await refresh();
    },
  });

  return (
    <section className="card stack" aria-labelledby="versions-title">
      <div className="card__header">
        <h2 id="versions-title" className="card__title">
          {t('admin.versions.title')}
        </h2>
        {list.mayEdit && !draft ? (
          <button type="button" className="button button--secondary button--small" disabled={create.isPending} onClick={() => create.mutate()}>
            {t('admin.versions.newDraft')}
          </button>
        ) : null}
      </div>
      {done ? (
        <Notice tone="success" role="status">
          <p>{done}</p>
        </Notice>
      ) : null}
      {create.error ? <ErrorNotice error={create.error} /> : null}
      <ol className="admin-list" aria-label={t('admin.versions.list')}>
        {list.items.map((v) => (
          <li key={v.versionNo} className="admin-list__item stack">
            <p className="admin-list__title">
              {t('admin.versions.versionNo', { no: format.digits(v.versionNo) })} <span className={`badge ${v.state === 'published' ? 'badge--success' : v.state === 'draft' ? 'badge--warning' : ''}`}>{t(`admin.versions.state.${v.state}`)}</span>
            </p>
            <p className="admin-list__meta">
              <span>{t('admin.versions.workflow')}: {list.workflows.find((w) => w.id === v.workflow)?.label ?? v.workflow}</span>
              <span>{t('admin.versions.fields', { count: Object.keys((v.formSchema.properties as object | undefined) ?? {}).length, n: format.number(Object.keys((v.formSchema.properties as object | undefined) ?? {}).length) })}</span>
              {v.inPersonStep ? <span>{t('admin.versions.inPerson')}</span> : null}
              {v.postalDelivery ? <span>{t('admin.versions.postal')}</span> : null}
              <span>{v.feeRule.kind === 'fixed' ? t('admin.versions.fee', { amount: format.number(v.feeRule.amountRials) }) : t('admin.versions.free')}</span>
              {v.publishedAt ? <span>{t('admin.versions.publishedAt', { at: format.date(v.publishedAt) })}</span> : null}
              {v.retiredAt ? <span>{t('admin.versions.retiredAt', { at: format.date(v.retiredAt) })}</span> : null}
            </p>
            {v.changeNote ? <p dir="auto">{v.changeNote}</p> : null}
            <Link to="/admin/agencies/$agencyId/services/$serviceId/versions/$no/workflow" params={{ agencyId, serviceId: list.serviceId, no: String(v.versionNo) }}>
              {t('admin.versions.workflowLink', { no: format.digits(v.versionNo) })}
            </Link>
            {v.state === 'draft' && list.mayEdit ? (
              <DraftEditor list={list} draft={v} onSaved={() => setDone(t('admin.versions.saved'))} onPublish={() => setPublishing(v)} />
            ) : null}
          </li>
        ))}
      </ol>
      <Dialog
        open={publishing !== null}
        onClose={() => {
          setPublishing(null);
          publish.reset();
        }}
        title={t('admin.versions.confirmTitle', { no: format.digits(publishing?.versionNo ?? 0) })}
        footer={
          <>
            <button type="button" className="button button--primary" disabled={publish.isPending} onClick={() => publishing && publish.mutate(publishing)}>
              {t('admin.versions.publish')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setPublishing(null)}>
              {t('admin.versions.cancel')}
            </button>
          </>
        }
      >
        <p>{t('admin.versions.confirmBody')}</p>
        {publish.error ? <ErrorNotice error={publish.error} /> : null}
      </Dialog>
    </section>
  );
}

function DraftEditor({ list, draft, onSaved, onPublish }: { list: ServiceVersionList; draft: ServiceVersionView; onSaved: () => void; onPublish: () => void }) {
  const { t } = useTranslation();
  const { agencyId = '' } = useParams({ strict: false });
  const queryClient = useQueryClient();
  const [schema, setSchema] = useState(() => JSON.stringify(draft.formSchema, null, 2));
  const [workflow, setWorkflow] = useState(draft.workflow);
  const [inPerson, setInPerson] = useState(draft.inPersonStep);
  const [postal, setPostal] = useState(draft.postalDelivery);
  const [fee, setFee] = useState(draft.feeRule.kind === 'fixed' ? String(draft.feeRule.amountRials) : '');
  const [feeError, setFeeError] = useState<string | null>(null);
  const [changeNote, setChangeNote] = useState(draft.changeNote);
  const [outputTemplate, setOutputTemplate] = useState(draft.outputTemplate ?? '');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: ({ formSchema, feeRule }: { formSchema: Record<string, unknown>; feeRule: FeeRule }) =>
      updateServiceVersion(list.serviceId, draft.versionNo, {
        rowVersion: draft.rowVersion,
        formSchema,
        workflow,
        feeRule,
        inPersonStep: inPerson,
        postalDelivery: postal,
        changeNote,
        outputTemplate: outputTemplate.trim() ? outputTemplate : null,
      }),
    // The list is read again before «saved» is said: publishing right after uses the new row version.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'services', list.serviceId] });
      onSaved();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const feeProblem = fieldProblemsOf(save.error).find((p) => p.field.startsWith('body.feeRule'))?.message;
  // Every problem of the form definition, at its path inside the schema (the server reports them all at once).
  const schemaProblems = fieldProblemsOf(save.error).filter((p) => p.field.startsWith('body.formSchema')).map((p): [string, string] => [p.field.slice('body.formSchema'.length).replace(/^\./, ''), p.message]);

  function submit(e: FormEvent) {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(schema);
    } catch {
      setJsonError(t('admin.versions.notJson'));
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setJsonError(t('admin.versions.notJson'));
      return;
    }
    setJsonError(null);
    const feeRule = feeRuleOf(fee);
    if (!feeRule) {
      setFeeError(t('admin.versions.feeInvalid'));
      return;
    }
    setFeeError(null);
    save.mutate({ formSchema: parsed as Record<string, unknown>, feeRule });
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={t('admin.versions.editor')}>
      <Field id={`v${draft.versionNo}-schema`} required label={t('admin.versions.formSchema')} help={t('admin.versions.formSchemaHelp')} error={jsonError ?? (schemaProblems.length > 0 ? t('admin.versions.schemaProblems') : undefined)}>
        {(p) => <textarea {...p} dir="ltr" rows={12} className="input input--code" value={schema} onChange={(e) => setSchema(e.target.value)} spellCheck={false} />}
      </Field>
      {schemaProblems.length > 0 ? (
        <ul className="error-list" aria-label={t('admin.versions.schemaProblems')}>
          {schemaProblems.map(([path, message]) => (
            <li key={`${path}:${message}`}>
              <bdi dir="ltr">{path || '/'}</bdi>: {message}
            </li>
          ))}
        </ul>
      ) : null}
      <Field id={`v${draft.versionNo}-workflow`} required label={t('admin.versions.workflow')} error={errors?.fields.workflow}>
        {(p) => (
          <select {...p} className="input" value={workflow} onChange={(e) => setWorkflow(e.target.value)}>
            {list.workflows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="check">
        <input id={`v${draft.versionNo}-in-person`} type="checkbox" checked={inPerson} onChange={(e) => setInPerson(e.target.checked)} />
        <label htmlFor={`v${draft.versionNo}-in-person`}>{t('admin.versions.inPerson')}</label>
      </div>
      <div className="check">
        <input id={`v${draft.versionNo}-postal`} type="checkbox" checked={postal} onChange={(e) => setPostal(e.target.checked)} />
        <label htmlFor={`v${draft.versionNo}-postal`}>{t('admin.versions.postal')}</label>
      </div>
      <Field id={`v${draft.versionNo}-fee`} label={t('admin.versions.feeInput')} help={t('admin.versions.feeHelp')} error={feeError ?? feeProblem}>
        {(p) => <input {...p} className="input" inputMode="numeric" dir="ltr" value={fee} maxLength={20} onChange={(e) => setFee(e.target.value)} />}
      </Field>
      <OutputTemplateField
        id={`v${draft.versionNo}-output`}
        serviceId={list.serviceId}
        versionNo={draft.versionNo}
        formSchema={draft.formSchema}
        value={outputTemplate}
        onChange={setOutputTemplate}
        saveError={save.error}
      />
      <Field id={`v${draft.versionNo}-note`} label={t('admin.versions.changeNote')} error={errors?.fields.changeNote}>
        {(p) => <textarea {...p} rows={2} className="input" value={changeNote} maxLength={2000} onChange={(e) => setChangeNote(e.target.value)} />}
      </Field>
      {save.error && !errors ? <ErrorNotice error={save.error} /> : null}
      <p>
        <Link to="/admin/agencies/$agencyId/services/$serviceId/versions/$no/form" params={{ agencyId, serviceId: list.serviceId, no: String(draft.versionNo) }} className="button button--secondary">
          {t('formBuilder.open')}
        </Link>
      </p>
      <div className="cluster">
        <SubmitButton pending={save.isPending}>{t('admin.versions.save')}</SubmitButton>
        {list.mayPublish ? (
          <button type="button" className="button button--primary" onClick={onPublish}>
            {t('admin.versions.publish')}
          </button>
        ) : null}
      </div>
      {list.mayPublish ? null : (
        <Notice tone="info">
          <p>{t('admin.versions.cardRequired')}</p>
        </Notice>
      )}
    </form>
  );
}
