import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { ErrorNotice } from './Notice';
import { SubmitButton } from './SubmitButton';

/**
 * Asks before an action that cannot simply be taken back (deactivating an account, revoking a token,
 * unlocking a key, removing a workflow state with what leads to it). The server's refusal, when the
 * action goes to the server, is shown inside the dialog.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  pending = false,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      footer={
        <>
          <SubmitButton type="button" pending={pending} variant={danger ? 'danger' : 'primary'} onClick={onConfirm}>
            {confirmLabel}
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <div className="stack">
        {error ? <ErrorNotice error={error} title={t('common.refused')} /> : null}
        {children}
      </div>
    </Dialog>
  );
}
