import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { SignInComingSoon } from '../../../components/SignInComingSoon';
import { SettingsIcon } from '../../../components/icons';

/** `/admin`: platform administration (agencies, services, roles, holidays). */
export function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <div className="stack-lg">
      <PageHeader title={t('admin.title')} lead={t('admin.lead')} icon={<SettingsIcon />} />
      <div className="card">
        <SignInComingSoon />
      </div>
    </div>
  );
}
