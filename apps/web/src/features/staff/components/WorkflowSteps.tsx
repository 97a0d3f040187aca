import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import type { RequestView, WorkflowStep } from '../../../lib/contracts';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { takeWorkflowAction } from '../../requests';

/** The actions the page's own buttons take (take, decide, ask for a correction). */
const OWN_BUTTONS = new Set(['take', 'approve', 'reject', 'request_information']);

/**
 * The other steps of the request's workflow the server allows this viewer now (ADR 0034): refer,
 * invite, record the visit… A step that decides (approve in part, under whatever id a definition
 * gives it) is the page's decision buttons' work: it is taken with the signed answer.
 */
export const otherSteps = (r: RequestView): WorkflowStep[] => (r.steps ?? []).filter((s) => !OWN_BUTTONS.has(s.id) && !s.decision);

/**
 * One button per step the server offers, with a note where the step needs one (an invitation's when
 * and why, a referral's recommendation). Recording a visit sends the originals the state needs as seen.
 */
export function WorkflowSteps({ request, onDone }: { request: RequestView; onDone: (view: RequestView) => Promise<void> }) {
  const { t } = useTranslation();
  const keys = useRef(createSubmissionKeys()).current;
  const [note, setNote] = useState('');
  const steps = otherSteps(request);
  const act = useMutation({
    mutationFn: (step: WorkflowStep) =>
      takeWorkflowAction(
        request.id,
        step.id,
        { ...(note.trim() ? { note: note.trim() } : {}), version: request.version, ...(request.inPerson && step.id === 'attended' ? { documents: request.inPerson.documentKinds } : {}) },
        keys.keyFor({ step: step.id, version: request.version, note }),
      ),
    onSuccess: async (view) => {
      setNote('');
      await onDone(view);
    },
  });
  if (steps.length === 0) return null;
  return (
    <div className="stack">
      {steps.some((s) => s.requiresNote) ? (
        <Field id="workflow-step-note" label={t('staffRequest.stepNote')} help={t('staffRequest.stepNoteHelp')}>
          {(p) => <textarea {...p} className="input" dir="auto" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      ) : null}
      {act.error ? <ErrorNotice error={act.error} /> : null}
      <div className="form-actions">
        {steps.map((s) => (
          <SubmitButton key={s.id} type="button" pending={act.isPending && act.variables?.id === s.id} onClick={() => act.mutate(s)}>
            {s.label}
          </SubmitButton>
        ))}
      </div>
    </div>
  );
}
