import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, UserIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import { adminAgenciesQuery, unitsQuery } from '../api';
import { StaffAccountSection } from '../components/StaffAccountSection';
import { StaffDelegationsSection } from '../components/StaffDelegationsSection';
import { StaffDetailsSection } from '../components/StaffDetailsSection';
import { StaffRolesSection } from '../components/StaffRolesSection';
import { staffCapabilitiesQuery, staffDetailsQuery } from '../staffApi';

/**
 * `/admin/agencies/$agencyId/staff/$staffId`: a staff member's details, roles, account and
 * delegations. Each action is offered only when the staff member's capabilities allow it.
 */
export function StaffPage() {
  const { t } = useTranslation();
  const { agencyId = '', staffId = '' } = useParams({ strict: false });
  const staff = useQuery(staffDetailsQuery(staffId));
  const capabilities = useQuery(staffCapabilitiesQuery(staffId));
  const agencies = useQuery(adminAgenciesQuery);
  const units = useQuery(unitsQuery(agencyId));
  const back = (
    <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
      <Link to="/admin/agencies/$agencyId" params={{ agencyId }}>
        <BackIcon />
        {t('staffAdmin.page.back')}
      </Link>
    </nav>
  );

  if (staff.isPending || capabilities.isPending) {
    return (
      <div className="stack-lg">
        {back}
        <PageHeader title={t('staffAdmin.page.loading')} icon={<UserIcon />} />
        <Loading />
      </div>
    );
  }
  if (staff.isError || capabilities.isError || staff.data.agencyId !== agencyId) {
    const error = staff.error ?? capabilities.error;
    const missing = !error || (error instanceof ApiError && error.status === 404);
    return (
      <div className="stack-lg">
        {back}
        <PageHeader title={t('staffAdmin.page.notFound')} icon={<UserIcon />} />
        {missing ? null : <ErrorNotice error={error} />}
      </div>
    );
  }

  const member = staff.data;
  const agencyName = (id: string) => agencies.data?.find((a) => a.id === id)?.nameFa ?? '';
  return (
    <div className="stack-lg">
      {back}
      <PageHeader title={member.displayName} lead={agencyName(member.agencyId)} icon={<UserIcon />} />
      <StaffDetailsSection member={member} capabilities={capabilities.data} />
      <StaffRolesSection
        member={member}
        capabilities={capabilities.data}
        units={units.data ?? []}
        agencyName={agencyName}
      />
      <StaffAccountSection member={member} capabilities={capabilities.data} />
      <StaffDelegationsSection member={member} capabilities={capabilities.data} />
    </div>
  );
}
