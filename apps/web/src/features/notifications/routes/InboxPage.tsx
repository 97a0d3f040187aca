import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { InboxIcon, SettingsIcon } from '../../../components/icons';
import { InboxList } from '../components/InboxList';

/** `/me/messages`: the citizen's in-app messages. */
export function InboxPage() {
  const { t } = useTranslation();
  return (
    <div className="stack-lg">
      <PageHeader title={t('notifications.inbox.title')} lead={t('notifications.inbox.lead')} icon={<InboxIcon />} />
      <div className="form-actions">
        <Link to="/me/messages/settings" className="button button--secondary">
          <SettingsIcon />
          {t('notifications.inbox.settings')}
        </Link>
      </div>
      <InboxList />
    </div>
  );
}
