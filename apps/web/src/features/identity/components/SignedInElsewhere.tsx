import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import type { SessionInfo } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { useSignOut } from '../session';

/**
 * On a sign-in page while signed in as the other kind of user (a citizen on the staff sign-in, or
 * the reverse): say so, and offer to sign out here to switch.
 */
export function SignedInElsewhere({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const format = useFormat();
  const signOut = useSignOut({ stay: true });
  return (
    <Notice
      tone="warning"
      title={session.kind === 'citizen' ? t('auth.switch.asCitizen') : t('auth.switch.asStaff')}
      action={
        <SubmitButton type="button" variant="secondary" pending={signOut.isPending} onClick={() => signOut.mutate(false)}>
          {t('auth.switch.signOut')}
        </SubmitButton>
      }
    >
      <p>{t('auth.switch.body', { name: format.name(session.displayName) })}</p>
    </Notice>
  );
}
