import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { SubmitButton } from '../../../components/SubmitButton';
import { BackIcon, DocumentIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import type { ServiceVersionList, ServiceVersionView, WorkflowDefinition } from '../../../lib/contracts';
import { fieldProblemsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { saveWorkflow, versionsQuery } from '../api';
import { AddActionForm, AddStateForm, ChoiceField } from '../components/DefinitionEdits';
import { WorkflowDiagram } from '../components/WorkflowDiagram';
import { dependants, removeAction, removeState } from '../edit';

/**
 * `/admin/agencies/$agencyId/services/$serviceId/versions/$no/workflow`: a service version's workflow
 * (ADR 0034). The agency's administrator starts from a template, edits the states (titles, SLA),
 * adds and removes states (after confirming what goes with them) and actions (titles, roles, the next
 * state) in a form, or the whole definition as JSON (timers, branches), and saves it into the draft; the server's validateDefinition answers every
 * problem at its JSON path, shown at its state. The diagram and its table show the states.
 */
export function WorkflowEditorPage() {
  const { t } = useTranslation();
  const { agencyId = '', serviceId = '', no = '' } = useParams({ strict: false });
  const versions = useQuery(versionsQuery(serviceId));
  // Kept here, not in the editor: a save reloads the version (its new row version remounts the editor) before it says so.
  const [notice, setNotice] = useState<string | null>(null);
  const back = (
    <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
      <Link to="/admin/agencies/$agencyId/services/$serviceId/versions" params={{ agencyId, serviceId }}>
        <BackIcon />
        {t('workflowEditor.back')}
      </Link>
    </nav>
  );
  return (
    <PageQueryStates query={versions} icon={<DocumentIcon />} before={back} loadingTitle={t('workflowEditor.loading')} failedTitle={t('workflowEditor.notFound')}>
      {(list) => {
        const version = list.items.find((v) => String(v.versionNo) === no);
        if (!version)
          return (
            <div className="stack-lg">
              {back}
              <Notice tone="warning" title={t('workflowEditor.notFound')} />
            </div>
          );
        return (
          <div className="stack-lg">
            {back}
            <Editor key={`${version.versionNo}:${version.rowVersion}`} list={list} version={version} notice={notice} setNotice={setNotice} />
          </div>
        );
      }}
    </PageQueryStates>
  );
}

/** Problems by state index (`body.workflowDefinition.states.<i>…`) and the rest. */
function problemsByState(error: unknown): { byState: Map<number, string[]>; other: string[] } {
  const byState = new Map<number, string[]>();
  const other: string[] = [];
  for (const p of fieldProblemsOf(error)) {
    const m = /^body\.workflowDefinition\.states\.(\d+)/.exec(p.field);
    if (m) byState.set(Number(m[1]), [...(byState.get(Number(m[1])) ?? []), p.message]);
    else other.push(p.message);
  }
  return { byState, other };
}

function Editor({ list, version, notice, setNotice }: { list: ServiceVersionList; version: ServiceVersionView; notice: string | null; setNotice: (n: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language === 'en' ? 'en' : 'fa';
  const queryClient = useQueryClient();
  const editable = list.mayEdit && version.state === 'draft';
  const [def, setDef] = useState<WorkflowDefinition>(() => structuredClone(version.workflowDefinition));
  const [template, setTemplate] = useState(list.workflows[0]?.id ?? '');
  const [json, setJson] = useState(() => JSON.stringify(version.workflowDefinition, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  /** The state whose removal is being confirmed. */
  const [removing, setRemoving] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (d: WorkflowDefinition) => saveWorkflow(list.serviceId, version.versionNo, version.rowVersion, d),
    // The version is read again first: a next save must send its new row version.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'services', list.serviceId] });
      setNotice(t('workflowEditor.saved'));
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) await queryClient.invalidateQueries({ queryKey: ['admin', 'services', list.serviceId] });
    },
  });
  const { byState, other } = problemsByState(save.error);
  const problemStates = new Set([...byState.keys()].map((i) => def.states[i]?.id).filter((s): s is string => s !== undefined));

  /** A new definition from the form: the JSON text follows it. */
  const replace = (next: WorkflowDefinition, said: string | null = null) => {
    setDef(next);
    setJson(JSON.stringify(next, null, 2));
    setNotice(said);
  };
  /** A change to the definition from the form's fields. */
  const change = (mutate: (d: WorkflowDefinition) => void) => {
    const next = structuredClone(def);
    mutate(next);
    replace(next);
  };
  const removingState = removing === null ? undefined : def.states.find((s) => s.id === removing);
  const removingTakes = removing === null ? undefined : dependants(def, removing);

  function applyJson() {
    try {
      setDef(JSON.parse(json) as WorkflowDefinition);
      setJsonError(null);
    } catch {
      setJsonError(t('workflowEditor.notJson'));
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    save.mutate(def);
  }

  const stateOptions = def.states.map((s) => [s.id, s.label[lang]] as const);
  return (
    <>
      <PageHeader title={t('workflowEditor.title', { no: format.digits(version.versionNo) })} lead={t('workflowEditor.lead')} icon={<DocumentIcon />} />
      <div aria-live="polite" className="stack">
        {notice ? (
          <Notice tone="success" role="status">
            <p>{notice}</p>
          </Notice>
        ) : null}
        {save.error && byState.size + other.length > 0 ? <Notice tone="warning" role="alert" title={t('workflowEditor.problems')} /> : null}
        {save.error instanceof ApiError && save.error.status === 409 ? <Notice tone="warning" role="alert" title={t('workflowEditor.conflict')} /> : null}
        {save.error && byState.size + other.length === 0 && !(save.error instanceof ApiError && save.error.status === 409) ? <ErrorNotice error={save.error} /> : null}
      </div>

      <section className="card stack" aria-labelledby="wf-diagram">
        <h2 id="wf-diagram" className="card__title">
          {t('workflowEditor.diagram')}
        </h2>
        <WorkflowDiagram definition={def} lang={lang} problemStates={problemStates} />
        {def.timers.length > 0 ? (
          <>
            <h3>{t('workflowEditor.timers')}</h3>
            <ul>
              {def.timers.map((x) => {
                const state = def.states.find((s) => s.id === x.state)?.label[lang] ?? x.state;
                return (
                  <li key={x.id}>
                    {x.kind === 'escalate'
                      ? t('workflowEditor.timerEscalate', { state, role: x.notifyRole })
                      : t('workflowEditor.timerDeadline', { state, days: format.number('workingDays' in x.after ? x.after.workingDays : x.after.calendarDays), action: x.action })}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </section>

      {!editable ? (
        <Notice tone="info" title={t('workflowEditor.readOnly')} />
      ) : (
        <form className="card stack" onSubmit={submit} noValidate aria-label={t('workflowEditor.editor')}>
          <div className="form-actions">
            <Field id="wf-template" label={t('workflowEditor.template')}>
              {(p) => (
                <select {...p} className="input" value={template} onChange={(e) => setTemplate(e.target.value)}>
                  {list.workflows.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                const w = list.workflows.find((x) => x.id === template);
                if (!w) return;
                change((d) => Object.assign(d, structuredClone(w.definition)));
                setNotice(t('workflowEditor.templateApplied', { name: w.label }));
              }}
            >
              {t('workflowEditor.useTemplate')}
            </button>
          </div>

          <h2 className="card__title">{t('workflowEditor.states')}</h2>
          {def.states.map((s, i) => {
            const problems = byState.get(i) ?? [];
            return (
              <fieldset key={`${s.id}-${i}`} className="stack" data-state={s.id} aria-invalid={problems.length > 0 || undefined}>
                <legend>{t('workflowEditor.state', { name: s.label[lang] })}</legend>
                {s.id !== def.initial ? (
                  <div className="form-actions">
                    <button type="button" className="button button--secondary button--small" onClick={() => setRemoving(s.id)}>
                      {t('workflowEditor.removeState', { name: s.label[lang] })}
                    </button>
                  </div>
                ) : null}
                {problems.length > 0 ? (
                  <ul className="error-list" aria-label={`${t('workflowEditor.stateProblems')}: ${s.label[lang]}`}>
                    {problems.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ) : null}
                <Field id={`wf-${i}-label`} label={t('workflowEditor.stateLabel')}>
                  {(p) => <input {...p} className="input" dir="auto" value={s.label.fa} onChange={(e) => change((d) => void (d.states[i]!.label.fa = e.target.value))} />}
                </Field>
                {!s.terminal && !s.waitingForApplicant ? (
                  <Field id={`wf-${i}-sla`} label={t('workflowEditor.sla')} help={t('workflowEditor.slaHelp')}>
                    {(p) => (
                      <input
                        {...p}
                        className="input"
                        inputMode="numeric"
                        dir="ltr"
                        value={s.slaWorkingDays === undefined ? '' : String(s.slaWorkingDays)}
                        onChange={(e) =>
                          change((d) => {
                            const n = Number(e.target.value.replace(/[۰-۹]/g, (c) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(c))));
                            if (e.target.value.trim() === '' || !Number.isInteger(n)) delete d.states[i]!.slaWorkingDays;
                            else d.states[i]!.slaWorkingDays = n;
                          })
                        }
                      />
                    )}
                  </Field>
                ) : null}
                <p className="admin-list__meta">
                  {s.terminal ? <span>{t('workflowEditor.terminal')}</span> : null}
                  {s.waitingForApplicant ? <span>{t('workflowEditor.waiting')}</span> : null}
                  {s.inPerson ? <span>{t('workflowEditor.inPerson')}</span> : null}
                </p>
                {s.actions.map((a, j) => (
                  <div key={`${a.id}-${j}`} className="stack">
                    <Field id={`wf-${i}-${j}-label`} label={t('workflowEditor.actionLabel', { id: a.label[lang] })}>
                      {(p) => <input {...p} className="input" dir="auto" value={a.label.fa} onChange={(e) => change((d) => void (d.states[i]!.actions[j]!.label.fa = e.target.value))} />}
                    </Field>
                    <Field id={`wf-${i}-${j}-roles`} label={t('workflowEditor.actionRoles', { id: a.label[lang] })}>
                      {(p) => (
                        <input
                          {...p}
                          className="input"
                          dir="ltr"
                          value={a.roles.join(', ')}
                          onChange={(e) => change((d) => void (d.states[i]!.actions[j]!.roles = e.target.value.split(',').map((r) => r.trim()).filter(Boolean)))}
                        />
                      )}
                    </Field>
                    <ChoiceField
                      id={`wf-${i}-${j}-to`}
                      label={t('workflowEditor.actionTo', { id: a.label[lang] })}
                      value={a.to}
                      options={stateOptions}
                      onChange={(v) => change((d) => void (d.states[i]!.actions[j]!.to = v))}
                    />
                    <div className="form-actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => replace(removeAction(def, s.id, a.id), t('workflowEditor.removed', { name: a.label[lang] }))}
                      >
                        {t('workflowEditor.removeAction', { name: a.label[lang] })}
                      </button>
                    </div>
                  </div>
                ))}
                {!s.terminal ? <AddActionForm definition={def} stateId={s.id} stateIndex={i} lang={lang} onAdd={(next) => replace(next, t('workflowEditor.added', { name: next.states[i]!.actions.at(-1)!.label[lang] }))} /> : null}
              </fieldset>
            );
          })}
          <AddStateForm definition={def} onAdd={(next) => replace(next, t('workflowEditor.added', { name: next.states.at(-1)!.label[lang] }))} />
          {other.length > 0 ? (
            <ul className="error-list" aria-label={t('workflowEditor.otherProblems')}>
              {other.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}

          <Field id="wf-json" label={t('workflowEditor.json')} error={jsonError ?? undefined}>
            {(p) => <textarea {...p} dir="ltr" rows={10} className="input input--code" value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />}
          </Field>
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={applyJson}>
              {t('workflowEditor.applyJson')}
            </button>
            <SubmitButton pending={save.isPending}>{t('workflowEditor.save')}</SubmitButton>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={removingState !== undefined}
        onClose={() => setRemoving(null)}
        title={t('workflowEditor.removeStateTitle', { name: removingState?.label[lang] ?? '' })}
        confirmLabel={t('workflowEditor.removeStateConfirm')}
        danger
        onConfirm={() => {
          const r = removing === null ? undefined : removeState(def, removing);
          if (r?.ok) replace(r.definition, t('workflowEditor.removed', { name: removingState?.label[lang] ?? '' }));
          setRemoving(null);
        }}
      >
        <p>{t('workflowEditor.removeStateBody', { actions: format.number(removingTakes?.removedActions ?? 0), timers: format.number(removingTakes?.removedTimers ?? 0) })}</p>
      </ConfirmDialog>
    </>
  );
}
