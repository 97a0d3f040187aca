import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { allQueries } from '../../../components/QueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, BuildingIcon } from '../../../components/icons';
import type { Agency } from '../../../lib/contracts';
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

  const agencyOf = (list: readonly Agency[]) => list.find((a) => a.id === agencyId);
  const backLink = (
    <Link to="/admin" className="button button--secondary">
      {t('admin.back')}
    </Link>
  );

  return (
    <PageQueryStates
      query={allQueries(agencies, capabilities)}
      icon={<BuildingIcon />}
      loadingTitle={t('admin.agency.loading')}
      failedTitle={t('admin.agency.notFound')}
      back={backLink}
      // Not among the agencies this administrator holds, or unknown: not found, and the way back.
      isMissing={([list]) => !agencyOf(list)}
      notFound={backLink}
    >
      {([list, can]) => {
        const agency = agencyOf(list)!;
        return (
          <div className="stack-lg">
            <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
              <Link to="/admin">
                <BackIcon />
                {t('admin.back')}
              </Link>
            </nav>
            <PageHeader title={agency.nameFa} lead={t(`admin.agencyKinds.${agency.kind}`)} icon={<BuildingIcon />} />
            <AgencyDetailsSection agency={agency} agencies={list} capabilities={can} />
            <UnitsSection agency={agency} capabilities={can} />
            <StaffSection agency={agency} capabilities={can} />
            <ApiTokensSection agency={agency} capabilities={can} />
            <DeskServicesSection agency={agency} />
          </div>
        );
      }}
    </PageQueryStates>
  );
}
