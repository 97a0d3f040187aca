import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { SignInComingSoon } from '../../../components/SignInComingSoon';
import { UserIcon } from '../../../components/icons';

/** `/me`: the citizen's own requests, cases and messages (after sign-in). */
export function CitizenHomePage() {
  const { t } = useTranslation();
  return (
    <div className="stack-lg">
      <PageHeader title={t('me.title')} lead={t('me.lead')} icon={<UserIcon />} />
      <div className="card">
        <SignInComingSoon />
      </div>
    </div>
  );
}
