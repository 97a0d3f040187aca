import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { LockIcon, SettingsIcon } from '../../../components/icons';
import { isAdmin, useSession } from '../../identity';

/** The administration area for staff with an administrator role; others are told so plainly. */
export function AdminArea() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (isAdmin(session)) return <Outlet />;
  return (
    <div className="stack-lg">
      <PageHeader title={t('admin.title')} lead={t('admin.lead')} icon={<SettingsIcon />} />
      <div className="card">
        <EmptyState
          icon={<LockIcon />}
          title={t('admin.forbiddenTitle')}
          action={
            <Link to="/staff" className="button button--secondary">
              {t('admin.toWorkspace')}
            </Link>
          }
        >
          <p>{t('admin.forbiddenBody')}</p>
        </EmptyState>
      </div>
    </div>
  );
}
