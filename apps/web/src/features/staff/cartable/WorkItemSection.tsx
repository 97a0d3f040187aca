import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { UserText } from '../../../components/UserText';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { requestQuery } from '../../requests';
import { addInternalNote, changeWork, workItemQuery, type WorkItem } from './api';
import { ColleagueDialog } from './ColleagueDialog';
import { HolderLabel } from './WorkBadges';

/**
 * The request page's work section (desk staff only): who holds the request and the claim,
 * release, assign and refer buttons the server allows; the internal notes (never shown to the
 * applicant) with a form to add one; the internal history.
 */
export function WorkItemSection({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const work = useQuery(workItemQuery(requestId));
  const [dialog, setDialog] = useState<'assign' | 'refer' | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const noteId = useId();
  const keys = useRef(createSubmissionKeys()).current;

  const after = async (view: WorkItem | undefined) => {
    if (view) queryClient.setQueryData(workItemQuery(requestId).queryKey, view);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: workItemQuery(requestId).queryKey }),
      // The workflow buttons depend on who holds the request.
      queryClient.invalidateQueries({ queryKey: requestQuery(requestId).queryKey }),
      queryClient.invalidateQueries({ queryKey: ['requests', 'cartable'] }),
    ]);
  };
  const change = useMutation({
    mutationFn: (c: Parameters<typeof changeWork>[1]) => changeWork(requestId, c, keys.keyFor(c)),
    onSuccess: async (view) => {
      setDialog(null);
      await after(view);
    },
    onError: async () => after(undefined),
  });
  const addNote = useMutation({
    mutationFn: (body: string) => addInternalNote(requestId, body, keys.keyFor({ note: body })),
    onSuccess: async (view) => {
      setNote('');
      await after(view);
    },
  });

  if (!work.data) return work.isError ? <ErrorNotice error={work.error} /> : null;
  const w = work.data;
  const may = (a: WorkItem['actions'][number]) => w.actions.includes(a);
  const conflict = change.error instanceof ApiError && change.error.status === 409;

  return (
    <>
      <section className="card stack" aria-labelledby="work-title">
        <h2 id="work-title" className="card__title">
          {t('cartableWork.work')}
        </h2>
        <p>
          <HolderLabel claim={w.claim} />
        </p>
        <div aria-live="polite">
          {conflict ? (
            <Notice tone="warning" role="alert" title={t('cartableWork.conflict')} />
          ) : change.isError ? (
            <ErrorNotice error={change.error} />
          ) : null}
        </div>
        {may('claim') || may('release') || may('assign') || may('refer') ? (
          <div className="form-actions">
            {may('claim') ? (
              <SubmitButton
                type="button"
                pending={change.isPending}
                onClick={() => change.mutate({ op: 'claim', version: w.claimVersion })}
              >
                {t('cartableWork.actions.claim')}
              </SubmitButton>
            ) : null}
            {may('release') ? (
              <button
                type="button"
                className="button button--secondary"
                disabled={change.isPending}
                onClick={() => change.mutate({ op: 'release', version: w.claimVersion })}
              >
                {t('cartableWork.actions.release')}
              </button>
            ) : null}
            {may('refer') ? (
              <button type="button" className="button button--secondary" onClick={() => setDialog('refer')}>
                {t('cartableWork.actions.refer')}
              </button>
            ) : null}
            {may('assign') ? (
              <button type="button" className="button button--secondary" onClick={() => setDialog('assign')}>
                {t('cartableWork.actions.assign')}
              </button>
            ) : null}
          </div>
        ) : null}
        {w.history.length > 0 ? (
          <>
            <h3>{t('cartableWork.internalHistory')}</h3>
            <ol className="stack">
              {w.history.map((h, i) => (
                <li key={i}>
                  <time dateTime={h.at}>{format.dateTime(h.at)}</time> — <UserText>{h.actorName}</UserText>{' '}
                  {t(`cartableWork.history.${h.action as 'claimed'}`, { name: h.holderName ?? '' })}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="notes-title">
        <h2 id="notes-title" className="card__title">
          {t('cartableWork.internalNotes')}
        </h2>
        <p className="text-muted">{t('cartableWork.internalNotesHelp')}</p>
        {w.notes.length === 0 ? (
          <p>{t('cartableWork.noNotes')}</p>
        ) : (
          <ul className="stack">
            {w.notes.map((n) => (
              <li key={n.id}>
                <p>
                  <strong>
                    <UserText>{n.authorName}</UserText>
                  </strong>{' '}
                  <time dateTime={n.at}>{format.dateTime(n.at)}</time>
                  {n.toName ? (
                    <>
                      {' — '}
                      <UserText>{t('cartableWork.referredTo', { name: n.toName })}</UserText>
                    </>
                  ) : null}
                </p>
                <p dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                  {n.body}
                </p>
              </li>
            ))}
          </ul>
        )}
        {may('note') ? (
          <form
            className="stack"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const body = note.trim();
              const problem =
                body === ''
                  ? t('cartableWork.noteRequired')
                  : [...body].length > 2000
                    ? t('cartableWork.tooLong')
                    : undefined;
              setNoteError(problem);
              if (problem) return document.getElementById(noteId)?.focus();
              addNote.mutate(body);
            }}
          >
            {addNote.isError ? <ErrorNotice error={addNote.error} /> : null}
            <Field
              id={noteId}
              name="body"
              label={t('cartableWork.newNote')}
              help={t('cartableWork.noteHelp')}
              error={noteError}
              required
            >
              {(props) => (
                <textarea
                  {...props}
                  className="input"
                  rows={3}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              )}
            </Field>
            <div className="form-actions">
              <SubmitButton pending={addNote.isPending}>{t('cartableWork.addNote')}</SubmitButton>
            </div>
          </form>
        ) : null}
      </section>

      <ColleagueDialog
        open={dialog !== null}
        agencyId={w.agencyId}
        mode={dialog ?? 'refer'}
        title={dialog === 'assign' ? t('cartableWork.assignTitle') : t('cartableWork.referTitle')}
        pending={change.isPending}
        error={change.isError && !conflict ? change.error : null}
        onConfirm={(staffId, text) =>
          change.mutate(
            dialog === 'assign'
              ? { op: 'assign', staffId, version: w.claimVersion }
              : { op: 'refer', staffId, note: text, version: w.claimVersion },
          )
        }
        onClose={() => setDialog(null)}
      />
    </>
  );
}
