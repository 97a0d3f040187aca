import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SubmitButton } from '../../../components/SubmitButton';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/Notice';

/**
 * Asks before an action that cannot simply be taken back (deactivating an account, revoking a
 * token, sending a reset code). The server's refusal is shown inside the dialog.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
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
            {t('staffAdmin.common.cancel')}
          </button>
        </>
      }
    >
      <div className="stack">
        {error ? <ErrorNotice error={error} title={t('staffAdmin.common.refused')} /> : null}
        {children}
      </div>
    </Dialog>
  );
}
