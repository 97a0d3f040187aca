import { Link, useRouterState } from '@tanstack/react-router';
import { Trans, useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { CompassIcon } from '../components/icons';
import { usePageTitle } from '../lib/usePageTitle';
import { useNotFoundStatus } from '../lib/staticPage';

/** Any path no route matches (rendered inside the layout, so the navigation stays). */
export function NotFoundPage() {
  const { t } = useTranslation();
  const path = useRouterState({ select: (s) => s.location.pathname });
  usePageTitle(t('notFound.title'));
  useNotFoundStatus();
  return (
    <div className="card not-found">
      <EmptyState
        icon={<CompassIcon />}
        title={t('notFound.title')}
        headingLevel={1}
        action={
          <Link to="/" className="button">
            {t('notFound.home')}
          </Link>
        }
      >
        <p>
          {/* The address is Latin text inside a Persian sentence: isolate it so "/" stays in front. */}
          <Trans i18nKey="notFound.body" values={{ path: decodeSafe(path) }} components={{ addr: <bdi dir="ltr" /> }} />
        </p>
      </EmptyState>
    </div>
  );
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
