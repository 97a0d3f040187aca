import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { colleaguesQuery } from './api';

/**
 * Choose a colleague (and, for a referral, write the note) before assigning or referring: the
 * list is the server's (`assignable` ones only for an assignment).
 */
export function ColleagueDialog({
  open,
  agencyId,
  mode,
  title,
  intro,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  agencyId: string;
  mode: 'assign' | 'refer';
  title: ReactNode;
  intro?: ReactNode;
  pending: boolean;
  error: unknown;
  onConfirm: (staffId: string, note: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const colleagueId = useId();
  const noteId = useId();
  const [staffId, setStaffId] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<{ staffId?: string; note?: string }>({});
  const colleagues = useQuery({ ...colleaguesQuery(agencyId), enabled: open });
  const choices = (colleagues.data?.items ?? []).filter((c) => mode === 'refer' || c.assignable);

  const confirm = () => {
    const trimmed = note.trim();
    const next = {
      ...(staffId ? {} : { staffId: t('cartableWork.chooseColleague') }),
      ...(mode === 'refer' && trimmed === '' ? { note: t('cartableWork.noteRequired') } : {}),
      ...([...trimmed].length > 2000 ? { note: t('cartableWork.tooLong') } : {}),
    };
    setProblems(next);
    if (next.staffId) return document.getElementById(colleagueId)?.focus();
    if (next.note) return document.getElementById(noteId)?.focus();
    onConfirm(staffId, trimmed);
  };

  return (
    <Dialog
      open={open}
      onClose={() => {
        setProblems({});
        onClose();
      }}
      title={title}
      footer={
        <>
          <SubmitButton type="button" pending={pending} onClick={confirm}>
            {mode === 'refer' ? t('cartableWork.confirmRefer') : t('cartableWork.confirmAssign')}
          </SubmitButton>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {intro}
      {error ? <ErrorNotice error={error} /> : null}
      {colleagues.isError ? <ErrorNotice error={colleagues.error} /> : null}
      {colleagues.isSuccess && choices.length === 0 ? <p>{t('cartableWork.noColleagues')}</p> : null}
      <Field id={colleagueId} name="staffId" label={t('cartableWork.colleague')} error={problems.staffId} required>
        {(props) => (
          <select {...props} className="input" value={staffId} onChange={(e) => setStaffId(e.target.value)}>
            <option value="">—</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {mode === 'refer' ? (
        <Field
          id={noteId}
          name="note"
          label={t('cartableWork.note')}
          help={t('cartableWork.noteHelp')}
          error={problems.note}
          required
        >
          {(props) => (
            <textarea {...props} className="input" rows={4} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
        </Field>
      ) : null}
    </Dialog>
  );
}
