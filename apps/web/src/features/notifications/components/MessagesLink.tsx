import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { InboxIcon } from '../../../components/icons';
import { UnreadBadge } from './UnreadBadge';

/** The way to the citizen's messages from their home page, with the unread count. */
export function MessagesLink() {
  const { t } = useTranslation();
  return (
    <Link to="/me/messages" className="button button--secondary">
      <InboxIcon />
      {t('notifications.inbox.title')}
      <UnreadBadge />
    </Link>
  );
}
