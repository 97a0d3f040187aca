import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, BuildingIcon } from '../../../components/icons';
import { adminAgenciesQuery } from '../api';
import { AgencyDetailsSection } from '../components/AgencyDetailsSection';
import { ApiTokensSection } from '../components/ApiTokensSection';
import { DeskServicesSection } from '../components/DeskServicesSection';
import { StaffSection } from '../components/StaffSection';
import { UnitsSection } from '../components/UnitsSection';
import { agencyCapabilitiesQuery } from '../staffApi';

/**
 * `/admin/agencies/$agencyId`: an agency's details, units, staff, API tokens and desk services.
 * Each section offers only what the agency's capabilities (asked of the server) allow.
 */
export function AgencyPage() {
  const { t } = useTranslation();
  const { agencyId = '' } = useParams({ strict: false });
  const agencies = useQuery(adminAgenciesQuery);
  const capabilities = useQuery(agencyCapabilitiesQuery(agencyId));

  if (agencies.isPending || capabilities.isPending) {
    return (
      <div className="stack-lg">
        <PageHeader title={t('admin.agency.loading')} icon={<BuildingIcon />} />
        <Loading />
      </div>
    );
  }
  const agency = agencies.data?.find((a) => a.id === agencyId);
  if (agencies.isError || capabilities.isError || !agency) {
    const error = agencies.error ?? capabilities.error;
    const missing = !agency || (capabilities.error as { status?: number } | null)?.status === 404;
    return (
      <div className="stack-lg">
        <PageHeader title={t('admin.agency.notFound')} icon={<BuildingIcon />} />
        {error && !missing ? <ErrorNotice error={error} /> : null}
        <Link to="/admin" className="button button--secondary">
          {t('admin.back')}
        </Link>
      </div>
    );
  }

  return (
    <div className="stack-lg">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <Link to="/admin">
          <BackIcon />
          {t('admin.back')}
        </Link>
      </nav>
      <PageHeader title={agency.nameFa} lead={t(`admin.agencyKinds.${agency.kind}`)} icon={<BuildingIcon />} />
      <AgencyDetailsSection agency={agency} agencies={agencies.data} capabilities={capabilities.data} />
      <UnitsSection agency={agency} capabilities={capabilities.data} />
      <StaffSection agency={agency} capabilities={capabilities.data} />
      <ApiTokensSection agency={agency} capabilities={capabilities.data} />
      <DeskServicesSection agency={agency} />
    </div>
  );
}
