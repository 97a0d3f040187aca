import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { AlertIcon } from '../../../components/icons';
import { useStaticPage } from '../../../lib/staticPage';
import { useActFor, useSession } from '../session';

/**
 * A band under the header on every page while someone acts for a company or a principal, so no
 * one submits or decides in another's name without seeing it.
 */
export function ActingForBanner() {
  const { t } = useTranslation();
  const { session } = useSession();
  const actFor = useActFor();
  const staticPage = useStaticPage();
  if (!session?.onBehalfOf) return null;
  return (
    <div className="acting-banner" role="region" aria-label={t('auth.actFor.bannerLabel')}>
      <div className="container acting-banner__inner">
        <p className="acting-banner__text">
          <AlertIcon />
          <span>{t('auth.actFor.banner', { name: session.onBehalfOf.name })}</span>
        </p>
        {/* On a server-rendered page (ADR 0018) the switch back is in the signed-in areas. */}
        {staticPage ? null : (
          <SubmitButton
            type="button"
            variant="secondary"
            className="button--small"
            pending={actFor.isPending}
            onClick={() => actFor.mutate(null)}
          >
            {t('auth.actFor.stop')}
          </SubmitButton>
        )}
        {actFor.isError ? <ErrorNotice error={actFor.error} /> : null}
      </div>
    </div>
  );
}
