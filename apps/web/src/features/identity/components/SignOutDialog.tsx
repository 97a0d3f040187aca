import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { SubmitButton } from '../../../components/SubmitButton';
import { ErrorNotice } from '../../../components/Notice';
import { useSignOut } from '../session';

/** Asks whether to sign out here only or on every device, then does it. */
export function SignOutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [everywhere, setEverywhere] = useState(false);
  const signOut = useSignOut();
  const checkboxId = useId();

  return (
    <Dialog
      open={open}
      onClose={() => {
        signOut.reset();
        setEverywhere(false);
        onClose();
      }}
      title={t('auth.signOut.title')}
      footer={
        <>
          <SubmitButton
            type="button"
            pending={signOut.isPending}
            onClick={() => signOut.mutate(everywhere, { onSuccess: onClose })}
          >
            {t('auth.signOut.confirm')}
          </SubmitButton>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p>{t('auth.signOut.body')}</p>
      <div className="check">
        <input
          id={checkboxId}
          type="checkbox"
          checked={everywhere}
          onChange={(event) => setEverywhere(event.target.checked)}
          aria-describedby={`${checkboxId}-help`}
        />
        <label htmlFor={checkboxId}>{t('auth.signOut.everywhere')}</label>
      </div>
      <p id={`${checkboxId}-help`} className="field__help">
        {t('auth.signOut.everywhereHelp')}
      </p>
      {signOut.isError ? <ErrorNotice error={signOut.error} /> : null}
    </Dialog>
  );
}
