import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../components/Notice';
import { useFormat } from '../../../lib/format';
import { useStaticPage } from '../../../lib/staticPage';
import { SignOutIcon, UserIcon } from '../../../components/icons';
import { useActFor, useSession } from '../session';
import { SignOutDialog } from './SignOutDialog';

/**
 * In the header: who is signed in, whom they act for (when they may act for a company or a
 * principal) and the sign-out button. Nothing when nobody is signed in: the areas' links lead to
 * sign-in. On a page the server renders (ADR 0018) only who is signed in: acting for someone and
 * signing out are done in the signed-in areas, which the navigation links.
 */
export function SessionControls() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const actFor = useActFor();
  const selectId = useId();
  const staticPage = useStaticPage();

  if (!session) return null;
  const kindLabel =
    session.kind === 'citizen' ? t('auth.kind.citizen') : (session.agency?.name ?? t('auth.kind.staff'));

  return (
    <div className="session-controls">
      <p className="session-controls__who">
        <UserIcon />
        <span>
          <span className="visually-hidden">{t('auth.signedInAs')} </span>
          <span className="session-controls__name">
            {session.displayName ? format.name(session.displayName) : t('auth.unnamed')}
          </span>
          <span className="session-controls__kind" title={kindLabel} dir="auto">
            {kindLabel}
          </span>
        </span>
      </p>
      {staticPage ? null : session.canActFor.length > 0 ? (
        <div className="session-controls__act-for">
          <label htmlFor={selectId}>
            {session.kind === 'citizen' ? t('auth.actFor.labelCitizen') : t('auth.actFor.labelStaff')}
          </label>
          <select
            id={selectId}
            value={session.onBehalfOf?.id ?? ''}
            aria-busy={actFor.isPending}
            onChange={(event) => {
              if (!actFor.isPending) actFor.mutate(event.target.value === '' ? null : event.target.value);
            }}
          >
            <option value="">{t('auth.actFor.self')}</option>
            {session.canActFor.map((target) => (
              <option key={target.id} value={target.id}>
                {target.name}
              </option>
            ))}
          </select>
          {actFor.isError ? <ErrorNotice error={actFor.error} /> : null}
        </div>
      ) : null}
      {staticPage ? null : (
        <>
          <button type="button" className="session-controls__sign-out" onClick={() => setSigningOut(true)}>
            <SignOutIcon />
            {t('auth.signOut.button')}
          </button>
          <SignOutDialog open={signingOut} onClose={() => setSigningOut(false)} />
        </>
      )}
    </div>
  );
}
