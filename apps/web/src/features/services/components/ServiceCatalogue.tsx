import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { BuildingIcon, ClockIcon, DocumentIcon, ForwardIcon } from '../../../components/icons';
import type { PublicAgency } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { agenciesQuery, agencyName, agencyServicesQuery } from '../api';
import { UserText } from '../../../components/UserText';
import { DeskBadge } from './DeskAvailability';
import { QueryStates } from '../../../components/QueryStates';

/**
 * The desk's services on the home page, each agency with its own: the approved catalogue title, the
 * norm, and a label when a service takes no new requests (its card expired, or it is not requested
 * online) or has no approved id yet: the same story the public catalogue tells.
 */
export function ServiceCatalogue() {
  const { t } = useTranslation();
  const agencies = useQuery(agenciesQuery);

  const body = (
    <QueryStates
      query={agencies}
      loadingLabel={t('catalogue.loading')}
      errorTitle={t('catalogue.error')}
      isEmpty={(list) => list.length === 0}
      empty={
        <EmptyState icon={<BuildingIcon />} title={t('catalogue.emptyTitle')} headingLevel={3}>
          <p>{t('catalogue.emptyBody')}</p>
        </EmptyState>
      }
    >
      {(list) => (
        <div className="agency-list">
          {list.map((agency) => (
            <AgencyServices key={agency.id} agency={agency} />
          ))}
        </div>
      )}
    </QueryStates>
  );

  return (
    <section id="services" className="stack" aria-labelledby="catalogue-title" tabIndex={-1}>
      <h2 id="catalogue-title" className="section-title">
        {t('catalogue.title')}
      </h2>
      <p className="text-muted">{t('catalogue.lead')}</p>
      {body}
    </section>
  );
}

function AgencyServices({ agency }: { agency: PublicAgency }) {
  const { t } = useTranslation();
  const format = useFormat();
  const services = useInfiniteQuery(agencyServicesQuery(agency.id));
  const name = agencyName(agency, format.lang);
  const headingId = `agency-${agency.id}`;
  const items = services.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card agency-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="agency-card__title">
        <BuildingIcon />
        <UserText>{name}</UserText>
      </h3>
      <QueryStates
        query={services}
        isEmpty={() => items.length === 0}
        empty={<p className="text-muted">{t('catalogue.noServices')}</p>}
      >
        {() => (
          <ul className="service-list">
            {items.map((service) => (
              <li key={service.id}>
                <Link to="/services/$serviceId" params={{ serviceId: service.id }} className="service-link">
                  <DocumentIcon />
                  <span className="service-link__text">
                    <UserText className="service-link__title">{service.title}</UserText>
                    <span className="service-link__meta">
                      <ClockIcon />
                      {t('services.normDays', { count: service.normDays, n: format.number(service.normDays) })}
                    </span>
                    <DeskBadge service={service} />
                  </span>
                  <ForwardIcon className="service-link__go" />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      {/* Without a script (the server-rendered home, ADR 0018) «more» opens the agency's page of services. */}
      <LoadMoreButton query={services} nextHref={`/catalogue/agencies/${encodeURIComponent(agency.id)}`} />
    </section>
  );
}
