import { Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Notice';
import { useSession } from '../session';

/**
 * The layout of a signed-in area. The route's `beforeLoad` already sent visitors without the right
 * session to sign in; this also does it when the session ends while a page is open (signed out in
 * another tab, expired: any API call answering 401 clears it), and comes back here afterwards.
 */
export function SessionGate({ kind }: { kind: 'citizen' | 'staff' }) {
  const { t } = useTranslation();
  const { session, isPending } = useSession();
  const navigate = useNavigate();
  const href = useLocation({ select: (l) => l.href });
  const allowed = session?.kind === kind;

  useEffect(() => {
    if (isPending || allowed) return;
    void navigate({
      to: kind === 'citizen' ? '/me/sign-in' : '/staff/sign-in',
      search: { returnTo: href },
      replace: true,
    });
  }, [allowed, href, isPending, kind, navigate]);

  return allowed ? <Outlet /> : <Loading label={t('auth.redirecting')} />;
}
