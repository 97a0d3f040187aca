import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { UserIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { useSession } from '../../identity';
import { MessagesLink } from '../../notifications';
import { PaymentsLink } from '../../payments';
import { MyRequests } from '../components/MyRequests';
import { ProfileCard } from '../components/ProfileCard';

/** `/me`: the citizen's own requests and profile (signed in; the route sends others to sign in). */
export function CitizenHomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  return (
    <div className="stack-lg">
      <PageHeader
        title={t('me.title')}
        lead={session?.displayName ? t('me.greeting', { name: format.name(session.displayName) }) : t('me.lead')}
        icon={<UserIcon />}
      />
      <div className="form-actions">
        <MessagesLink />
        <PaymentsLink />
      </div>
      <div className="me-grid">
        <MyRequests />
        <ProfileCard />
      </div>
    </div>
  );
}
