import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../../components/Dialog';
import { SubmitButton } from '../../../../components/SubmitButton';
import { Field, Fieldset } from '../../../../components/Field';
import { ErrorNotice } from '../../../../components/Notice';
import { isConflict, openChangeRequest, renewCard, type ServiceCardView } from '../api';

export type Cycle = 'change' | 'renew';
export type CycleOutcome = 'change' | 'renewConfirm' | 'renewChange';

/**
 * Starts a new cycle on an approved card (agency administrator): a change request («درخواست
 * تغییر»), or a renewal («تمدید») confirmed unchanged or with changes. The comment is kept by the page.
 */
export function CycleDialog({
  card,
  cycle,
  comment,
  onComment,
  onClose,
  onDone,
  onConflict,
}: {
  card: ServiceCardView;
  cycle: Cycle | null;
  comment: string;
  onComment: (value: string) => void;
  onClose: () => void;
  onDone: (outcome: CycleOutcome, view: ServiceCardView) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const base = useId();
  const [mode, setMode] = useState<'confirm' | 'change'>('confirm');
  const run = useMutation({
    mutationFn: (body: { cycle: Cycle; mode: 'confirm' | 'change'; comment?: string }) =>
      body.cycle === 'change'
        ? openChangeRequest(card.id, { version: card.version, ...(body.comment ? { comment: body.comment } : {}) })
        : renewCard(card.id, {
            version: card.version,
            mode: body.mode,
            ...(body.comment ? { comment: body.comment } : {}),
          }),
    onSuccess: (view, body) =>
      onDone(body.cycle === 'change' ? 'change' : body.mode === 'confirm' ? 'renewConfirm' : 'renewChange', view),
    onError: (error) => {
      if (isConflict(error)) onConflict();
    },
  });

  return (
    <Dialog
      open={cycle !== null}
      onClose={() => {
        run.reset();
        onClose();
      }}
      title={cycle === 'renew' ? t('catalogueReview.dialog.renewTitle') : t('catalogueReview.dialog.changeTitle')}
      footer={
        <>
          <SubmitButton
            type="button"
            pending={run.isPending}
            onClick={() => {
              if (!cycle) return;
              const trimmed = comment.trim();
              run.mutate({ cycle, mode, ...(trimmed ? { comment: trimmed } : {}) });
            }}
          >
            {cycle === 'renew' ? t('catalogueReview.cardPage.renew') : t('catalogueReview.cardPage.change')}
          </SubmitButton>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {cycle ? (
        <div className="stack">
          <p>{cycle === 'renew' ? t('catalogueReview.dialog.renewBody') : t('catalogueReview.dialog.changeBody')}</p>
          {run.isError && !isConflict(run.error) ? <ErrorNotice error={run.error} /> : null}
          {cycle === 'renew' ? (
            <Fieldset id={`${base}-mode`} legend={t('catalogueReview.dialog.renewMode')} required>
              {() => (
                <div className="radios">
                  {(['confirm', 'change'] as const).map((m, i) => (
                    <label key={m} className="check">
                      <input
                        type="radio"
                        name={`${base}-mode`}
                        id={i === 0 ? `${base}-mode-0` : undefined}
                        value={m}
                        checked={mode === m}
                        onChange={() => setMode(m)}
                      />
                      <span>
                        {m === 'confirm'
                          ? t('catalogueReview.dialog.renewConfirm')
                          : t('catalogueReview.dialog.renewChange')}
                        <span className="facts__help">
                          {m === 'confirm'
                            ? t('catalogueReview.dialog.renewConfirmHelp')
                            : t('catalogueReview.dialog.renewChangeHelp')}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              )}
            </Fieldset>
          ) : null}
          <Field
            id={`${base}-comment`}
            label={t('catalogueReview.dialog.comment')}
            help={t('catalogueReview.dialog.commentOptionalHelp')}
          >
            {(props) => (
              <textarea
                {...props}
                className="input"
                rows={3}
                value={comment}
                onChange={(e) => onComment(e.target.value)}
              />
            )}
          </Field>
        </div>
      ) : null}
    </Dialog>
  );
}
