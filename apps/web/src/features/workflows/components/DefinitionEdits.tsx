import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import type { WorkflowDefinition } from '../../../lib/contracts';
import { addAction, addState, STATE_KINDS, type EditProblem, type StateKind } from '../edit';

/** A labelled select of the editor: its options as [value, label] pairs. */
export function ChoiceField({ id, label, value, options, onChange, required }: { id: string; label: string; value: string; options: ReadonlyArray<readonly [string, string]>; onChange: (v: string) => void; required?: boolean }) {
  return (
    <Field id={id} label={label} required={required}>
      {(p) => (
        <select {...p} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The desk roles an action can name (the applicant's own steps come from the templates). */
const ACTION_ROLES = ['desk_clerk', 'expert', 'unit_manager'] as const;

/**
 * Adding a state to the definition (inside the editor's form, so its buttons are type="button"):
 * an id in lower snake case, a title, what kind of state it is. The change is the editor's until saved.
 */
export function AddStateForm({ definition, onAdd }: { definition: WorkflowDefinition; onAdd: (next: WorkflowDefinition) => void }) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<StateKind>('work');
  const [problem, setProblem] = useState<EditProblem | null>(null);
  return (
    <fieldset className="stack" aria-labelledby="wf-add-state">
      <legend id="wf-add-state">{t('workflowEditor.addState')}</legend>
      <Field id="wf-new-state-id" label={t('workflowEditor.newId')} help={t('workflowEditor.newIdHelp')} error={problem && problem !== 'no_label' ? t(`workflowEditor.problem.${problem}`) : undefined} required>
        {(p) => <input {...p} className="input" dir="ltr" value={id} onChange={(e) => setId(e.target.value)} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field id="wf-new-state-label" label={t('workflowEditor.stateLabel')} error={problem === 'no_label' ? t('workflowEditor.problem.no_label') : undefined} required>
        {(p) => <input {...p} className="input" dir="auto" value={label} onChange={(e) => setLabel(e.target.value)} />}
      </Field>
      <ChoiceField id="wf-new-state-kind" label={t('workflowEditor.stateKind')} required value={kind} options={STATE_KINDS.map((k) => [k, t(`workflowEditor.kind.${k}`)] as const)} onChange={(v) => setKind(v as StateKind)} />
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            const r = addState(definition, { id: id.trim(), label, kind });
            if (!r.ok) return setProblem(r.problem);
            setProblem(null);
            setId('');
            setLabel('');
            onAdd(r.definition);
          }}
        >
          {t('workflowEditor.addStateButton')}
        </button>
      </div>
    </fieldset>
  );
}

/** Adding an action out of one state: id, title, the roles that may take it, the state it leads to. */
export function AddActionForm({ definition, stateId, stateIndex, lang, onAdd }: { definition: WorkflowDefinition; stateId: string; stateIndex: number; lang: 'fa' | 'en'; onAdd: (next: WorkflowDefinition) => void }) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [label, setLabel] = useState('');
  const [roles, setRoles] = useState<string[]>(['expert']);
  const [to, setTo] = useState(definition.states.find((s) => s.id !== stateId)?.id ?? stateId);
  const [problem, setProblem] = useState<EditProblem | null>(null);
  const base = `wf-${stateIndex}-new-action`;
  return (
    <details className="stack">
      <summary>{t('workflowEditor.addAction')}</summary>
      <Field id={`${base}-id`} label={t('workflowEditor.newId')} help={t('workflowEditor.newIdHelp')} error={problem && problem !== 'no_label' ? t(`workflowEditor.problem.${problem}`) : undefined} required>
        {(p) => <input {...p} className="input" dir="ltr" value={id} onChange={(e) => setId(e.target.value)} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field id={`${base}-label`} label={t('workflowEditor.newActionLabel')} error={problem === 'no_label' ? t('workflowEditor.problem.no_label') : undefined} required>
        {(p) => <input {...p} className="input" dir="auto" value={label} onChange={(e) => setLabel(e.target.value)} />}
      </Field>
      <fieldset className="field">
        <legend className="field__label">{t('workflowEditor.newActionRoles')}</legend>
        {ACTION_ROLES.map((r) => (
          <div key={r} className="check">
            <input id={`${base}-role-${r}`} type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
            <label htmlFor={`${base}-role-${r}`}>{t(`roles.${r}`)}</label>
          </div>
        ))}
      </fieldset>
      <ChoiceField id={`${base}-to`} label={t('workflowEditor.newActionTo')} required value={to} options={definition.states.map((s) => [s.id, s.label[lang]] as const)} onChange={setTo} />
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            const r = addAction(definition, stateId, { id: id.trim(), label, roles, to });
            if (!r.ok) return setProblem(r.problem);
            setProblem(null);
            setId('');
            setLabel('');
            onAdd(r.definition);
          }}
        >
          {t('workflowEditor.addActionButton')}
        </button>
      </div>
    </details>
  );
}
