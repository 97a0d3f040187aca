import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaticPage } from '../lib/staticPage';
import { ApiError } from '../lib/api';
import { AlertIcon, CheckIcon, InfoIcon } from './icons';

export interface NoticeProps {
  tone: 'info' | 'success' | 'warning' | 'danger';
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  /** `alert` for problems that need attention now, `status` for news that can wait its turn. */
  role?: 'alert' | 'status';
  id?: string;
  className?: string;
}

/** A coloured panel with an icon, a title and text: never colour alone, always words too. */
export function Notice({ tone, title, children, action, role, id, className }: NoticeProps) {
  const icon = tone === 'success' ? <CheckIcon /> : tone === 'info' ? <InfoIcon /> : <AlertIcon />;
  return (
    <div id={id} className={['notice', `notice--${tone}`, className].filter(Boolean).join(' ')} role={role}>
      {icon}
      <div className="notice__body">
        {title ? <p className="notice__title">{title}</p> : null}
        {children}
        {action ? <div className="notice__action">{action}</div> : null}
      </div>
    </div>
  );
}

/** An API failure as the reader should see it: what failed, the server's message, the reference. */
export function ErrorNotice({
  error,
  title,
  action,
  onRetry,
  id,
}: {
  error: unknown;
  title?: ReactNode;
  action?: ReactNode;
  /** Shows the standard «try again» button (e.g. `() => void query.refetch()`), after `action`. */
  onRetry?: () => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : undefined;
  // A server-rendered page (ADR 0018) has no script to try again with: reloading the page does.
  const staticPage = useStaticPage();
  const retry = onRetry && !staticPage ? (
    <button type="button" className="button button--secondary button--small" onClick={onRetry}>
      {t('common.retry')}
    </button>
  ) : null;
  const actions =
    action && retry ? (
      <>
        {action}
        {retry}
      </>
    ) : (
      (action ?? retry)
    );
  return (
    <Notice tone="danger" role="alert" title={title} action={actions} {...(id ? { id } : {})}>
      <p>{apiError ? apiError.message : t('errors.unexpected')}</p>
      {/* The reference helps support with a failure of the system, not with a refusal the reader can act on. */}
      {apiError?.requestId && (apiError.status >= 500 || apiError.status === 0) ? (
        <p className="notice__meta">{t('errors.requestId', { id: apiError.requestId })}</p>
      ) : null}
    </Notice>
  );
}

/** A spinner with words, announced politely. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}
