import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { ErrorNotice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { UserText } from '../../../components/UserText';
import { CheckIcon, InboxIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { inboxQuery, markRead, type InboxMessage } from '../api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The citizen's in-app messages, newest first, unread ones marked, with "older messages" below. */
export function InboxList() {
  const { t } = useTranslation();
  const titleId = useId();
  const query = useInfiniteQuery(inboxQuery);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = query.data?.pages[0]?.unread ?? 0;

  const body = (
    <QueryStates
      query={query}
      isEmpty={() => items.length === 0}
      empty={
        <EmptyState icon={<InboxIcon />} title={t('notifications.inbox.emptyTitle')} headingLevel={3}>
          <p>{t('notifications.inbox.emptyBody')}</p>
        </EmptyState>
      }
    >
      {() => (
        <ul className="inbox-list" aria-labelledby={titleId}>
          {items.map((m) => (
            <InboxItem key={m.id} message={m} />
          ))}
        </ul>
      )}
    </QueryStates>
  );

  return (
    <section className="card stack" aria-labelledby={titleId} aria-busy={query.isFetching}>
      <div className="card__header">
        <h2 id={titleId} className="card__title">
          {t('notifications.inbox.list')}
        </h2>
        {query.isSuccess ? (
          <span className="text-muted" role="status">
            {unread > 0 ? t('notifications.inbox.unreadCount', { n: unread }) : t('notifications.inbox.allRead')}
          </span>
        ) : null}
      </div>
      {body}
      <LoadMoreButton query={query} label={t('notifications.inbox.loadMore')} />
    </section>
  );
}

function InboxItem({ message: m }: { message: InboxMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const read = useMutation({
    mutationFn: () => markRead(m.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const isUnread = m.readAt === null;
  const subject = m.subject ?? '';
  return (
    <li className="inbox-item" data-unread={isUnread || undefined}>
      <div className="inbox-item__head">
        <h3 className="inbox-item__subject">
          <UserText>{subject}</UserText>
        </h3>
        {isUnread ? <span className="badge badge--warning">{t('notifications.inbox.new')}</span> : null}
      </div>
      <p className="inbox-item__body">
        <UserText>{m.body}</UserText>
      </p>
      <div className="inbox-item__meta">
        <time dateTime={m.createdAt}>{format.dateTime(m.createdAt)}</time>
        {m.reference && UUID.test(m.reference) ? (
          <Link to="/me/requests/$requestId" params={{ requestId: m.reference }}>
            {t('notifications.inbox.openRequest')}
          </Link>
        ) : null}
        {isUnread ? (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={t('notifications.inbox.markReadOf', { subject })}
            aria-disabled={read.isPending}
            onClick={() => {
              if (!read.isPending) read.mutate();
            }}
          >
            {read.isPending ? <span className="spinner" aria-hidden="true" /> : <CheckIcon />}
            {t('notifications.inbox.markRead')}
          </button>
        ) : (
          <span className="text-muted">{t('notifications.inbox.read')}</span>
        )}
      </div>
      {read.isError ? <ErrorNotice error={read.error} /> : null}
    </li>
  );
}
