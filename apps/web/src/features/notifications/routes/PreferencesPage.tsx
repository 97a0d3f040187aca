import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, SettingsIcon } from '../../../components/icons';
import { EmailOnFileCard } from '../components/EmailOnFileCard';
import { PreferencesForm } from '../components/PreferencesForm';

/** `/me/messages/settings`: how request messages reach the citizen, and their e-mail on file. */
export function PreferencesPage() {
  const { t } = useTranslation();
  return (
    <div className="stack-lg">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <Link to="/me/messages">
          <BackIcon />
          {t('notifications.preferences.back')}
        </Link>
      </nav>
      <PageHeader
        title={t('notifications.preferences.title')}
        lead={t('notifications.preferences.lead')}
        icon={<SettingsIcon />}
      />
      <PreferencesForm />
      <EmailOnFileCard />
    </div>
  );
}
