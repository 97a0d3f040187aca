import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { ApiError } from '../../../lib/api';
import type { RequestAnswer } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { answerRequest, legalBasesQuery } from '../api';

export type AnswerDecision = 'approve' | 'partial' | 'reject';

const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * The staff decision dialog of the signed answer (issue 11, item 7): approve, approve in part (the
 * parts not granted) or reject (reasons and at least one of the service card's legal bases), with
 * the signer's PIN to sign at once. The server checks everything again; its coded refusals show here.
 */
export function AnswerDialog({
  requestId,
  version,
  decision,
  onClose,
  onDone,
  onConflict,
}: {
  requestId: string;
  version: number | undefined;
  decision: AnswerDecision | null;
  onClose: () => void;
  onDone: (decision: AnswerDecision, answer: RequestAnswer) => Promise<void>;
  onConflict: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const ids = { reasons: useId(), notGranted: useId(), basis: useId(), pin: useId() };
  const [reasons, setReasons] = useState('');
  const [notGranted, setNotGranted] = useState('');
  const [basis, setBasis] = useState<string[]>([]);
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'reasons' | 'notGranted' | 'basis', string>>>({});
  const bases = useQuery({ ...legalBasesQuery(requestId), enabled: decision !== null });
  const keys = useRef(createSubmissionKeys()).current;
  const send = useMutation({
    mutationFn: (body: Parameters<typeof answerRequest>[1]) => {
      const { pin: _pin, ...shape } = body;
      return answerRequest(requestId, body, keys.keyFor(shape));
    },
    onSuccess: async (answer, body) => {
      setReasons('');
      setNotGranted('');
      setBasis([]);
      setPin('');
      await onDone(body.decision, answer);
    },
    onError: async (error) => {
      if (isConflict(error)) await onConflict();
    },
  });
  const options = bases.data?.items ?? [];
  const keyOf = (o: { lawId: string; article: string }) => `${o.lawId}|${o.article}`;

  const confirm = () => {
    if (send.isPending || !decision) return;
    const r = reasons.trim();
    const n = notGranted.trim();
    const found: typeof errors = {};
    if (decision !== 'approve' && r.length < 2) found.reasons = t('answer.reasonsRequired');
    if (decision === 'partial' && n.length < 2) found.notGranted = t('answer.notGrantedRequired');
    if (decision === 'reject' && options.length > 0 && basis.length === 0) found.basis = t('answer.legalBasisRequired');
    setErrors(found);
    const first = (['reasons', 'notGranted', 'basis'] as const).find((k) => found[k]);
    if (first) {
      document.getElementById(ids[first])?.focus();
      return;
    }
    const legalBasis = options.filter((o) => basis.includes(keyOf(o))).map(({ lawId, article }) => ({ lawId, article }));
    send.mutate({
      decision,
      ...(r ? { reasons: r } : {}),
      ...(decision === 'partial' ? { notGranted: n } : {}),
      ...(legalBasis.length > 0 ? { legalBasis } : {}),
      ...(pin ? { pin } : {}),
      ...(version === undefined ? {} : { version }),
    });
  };

  const close = () => {
    send.reset();
    setErrors({});
    onClose();
  };
  const d = decision ?? 'approve';

  return (
    <Dialog
      open={decision !== null}
      onClose={close}
      title={t(`answer.dialogTitle.${d}`)}
      footer={
        <>
          <SubmitButton type="button" pending={send.isPending} variant={d === 'reject' ? 'danger' : 'success'} onClick={confirm}>
            {t(`answer.confirm.${d}`)}
          </SubmitButton>
          <button type="button" className="button button--ghost" onClick={close}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p>{t('answer.dialogBody')}</p>
      {send.isError && !isConflict(send.error) ? <ErrorNotice error={send.error} /> : null}
      {d === 'partial' ? (
        <Field id={ids.notGranted} label={t('answer.notGranted')} error={errors.notGranted} required>
          {(props) => (
            <textarea {...props} className="input" rows={3} maxLength={2000} value={notGranted} onChange={(e) => setNotGranted(e.target.value)} />
          )}
        </Field>
      ) : null}
      <Field id={ids.reasons} label={t('answer.reasons')} help={t('answer.reasonsHelp')} error={errors.reasons} required={d !== 'approve'}>
        {(props) => <textarea {...props} className="input" rows={4} maxLength={4000} value={reasons} onChange={(e) => setReasons(e.target.value)} />}
      </Field>
      <fieldset className="stack" id={ids.basis} tabIndex={-1} aria-describedby={errors.basis ? `${ids.basis}-error` : undefined}>
        <legend>{t('answer.legalBasis')}</legend>
        <p className="text-muted">{options.length > 0 ? t('answer.legalBasisHelp') : t('answer.legalBasisNone')}</p>
        {bases.isError ? <ErrorNotice error={bases.error} /> : null}
        {options.map((o) => (
          <label key={keyOf(o)} className="check">
            <input
              type="checkbox"
              checked={basis.includes(keyOf(o))}
              onChange={(e) => setBasis((b) => (e.target.checked ? [...b, keyOf(o)] : b.filter((x) => x !== keyOf(o))))}
            />
            <span dir="auto">
              {o.lawTitle}، {t('answer.article', { article: format.digits(o.article) })}
            </span>
          </label>
        ))}
        {errors.basis ? (
          <p id={`${ids.basis}-error`} className="field__error" role="alert">
            {errors.basis}
          </p>
        ) : null}
      </fieldset>
      <Field id={ids.pin} label={t('answer.pin')} help={t('answer.pinHelp')}>
        {(props) => (
          <input {...props} type="password" className="input" inputMode="numeric" autoComplete="off" dir="ltr" maxLength={64} value={pin} onChange={(e) => setPin(e.target.value)} />
        )}
      </Field>
    </Dialog>
  );
}
