import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { allQueries } from '../../../components/QueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, UserIcon } from '../../../components/icons';
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

  const agencyName = (id: string) => agencies.data?.find((a) => a.id === id)?.nameFa ?? '';
  return (
    <PageQueryStates
      query={allQueries(staff, capabilities)}
      icon={<UserIcon />}
      before={back}
      loadingTitle={t('staffAdmin.page.loading')}
      failedTitle={t('staffAdmin.page.notFound')}
      // A staff member of another agency is not found here; the breadcrumb is the way back.
      isMissing={([member]) => member.agencyId !== agencyId}
      notFound={null}
    >
      {([member, can]) => (
        <div className="stack-lg">
          {back}
          <PageHeader title={member.displayName} lead={agencyName(member.agencyId)} icon={<UserIcon />} />
          <StaffDetailsSection member={member} capabilities={can} />
          <StaffRolesSection member={member} capabilities={can} units={units.data ?? []} agencyName={agencyName} />
          <StaffAccountSection member={member} capabilities={can} />
          <StaffDelegationsSection member={member} capabilities={can} />
        </div>
      )}
    </PageQueryStates>
  );
}
