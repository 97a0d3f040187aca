import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { useSession } from '../../identity';
import { unreadQuery } from '../api';

/**
 * The number of unread messages beside the citizen's navigation link: nothing for others, for nobody
 * unread, or while it is not known. The count is read out with the link (visually hidden text).
 */
export function UnreadBadge() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const unread = useQuery({ ...unreadQuery, enabled: session?.kind === 'citizen' });
  const n = unread.data ?? 0;
  if (session?.kind !== 'citizen' || n === 0) return null;
  return (
    <span className="unread-badge" data-testid="unread-badge">
      <span aria-hidden="true">
        {format.number(Math.min(n, 99))}
        {n > 99 ? '+' : ''}
      </span>
      <span className="visually-hidden">{t('notifications.unread', { n })}</span>
    </span>
  );
}
