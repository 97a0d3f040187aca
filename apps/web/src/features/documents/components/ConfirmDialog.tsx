import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';

/** Asks before a key action (unlocking a key, retiring the active one): the server's refusal shows inside. */
export function ConfirmDialog(p: {
  open: boolean;
  title: string;
  confirmLabel: string;
  question: string | null;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={p.open}
      onClose={p.onClose}
      title={p.title}
      footer={
        <>
          <SubmitButton type="button" pending={p.pending} onClick={p.onConfirm}>
            {p.confirmLabel}
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={p.onClose}>
            {t('documents.sign.cancel')}
          </button>
        </>
      }
    >
      {p.error ? <ErrorNotice error={p.error} /> : null}
      <p>{p.question}</p>
    </Dialog>
  );
}
