import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState';
import { LockIcon } from './icons';

/** Shown by the signed-in areas until sign-in ships: honest, no placeholder data. */
export function SignInComingSoon({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<LockIcon />}
      title={t('signIn.title')}
      headingLevel={headingLevel}
      action={
        <Link to="/" className="button button--secondary">
          {t('signIn.backHome')}
        </Link>
      }
    >
      <p>{t('signIn.body')}</p>
    </EmptyState>
  );
}
