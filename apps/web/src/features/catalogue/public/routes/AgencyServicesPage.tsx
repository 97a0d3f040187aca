import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../../../components/Notice';
import { PageHeader } from '../../../../components/PageHeader';
import { BackIcon, BuildingIcon, DocumentIcon } from '../../../../components/icons';
import { useFormat } from '../../../../lib/format';
import { agencyServicesQuery, isNotFound, type AgencyServiceSummary, type MaturityPlan } from '../api';
import type { PublicService } from '../../../../lib/contracts';
import { CatalogueNotFound, ExpiredBadge, MaturityBadge, MaturityPlanText, RecipientsText } from '../components/bits';
import { UserText } from '../../../../components/UserText';
import { DeskNote, useDeskServices } from '../components/DeskNote';

/**
 * `/catalogue/agencies/$agencyId`: an agency's approved services in two lists, those delivered
 * electronically and those not yet electronic with the planned date and reason (or the exemption);
 * each says whether it is applied for at the Dargah desk (with the link), or how it is delivered.
 */
export function AgencyServicesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { agencyId } = useParams({ from: '/catalogue/agencies/$agencyId' });
  const query = useQuery(agencyServicesQuery(agencyId));
  const ids = { electronic: useId(), notYet: useId() };
  const p = 'cataloguePublic.agencyPage';
  const deskOf = useDeskServices(
    query.data ? [...query.data.electronic, ...query.data.notYetElectronic].map((s) => s.serviceId) : [],
  );

  if (query.isPending)
    return (
      <div className="stack-lg">
        <PageHeader title={t(`${p}.loadingTitle`)} icon={<BuildingIcon />} />
        <Loading />
      </div>
    );
  if (query.isError) {
    if (isNotFound(query.error))
      return <CatalogueNotFound title={t(`${p}.notFoundTitle`)}>{t(`${p}.notFoundBody`)}</CatalogueNotFound>;
    return (
      <div className="stack-lg">
        <PageHeader title={t(`${p}.errorTitle`)} icon={<BuildingIcon />} />
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  const { agency, electronic, notYetElectronic } = query.data;
  const name = format.lang === 'en' && agency.nameEn ? agency.nameEn : agency.name;

  return (
    <div className="stack-lg cp-agency">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <Link to="/catalogue">
          <BackIcon />
          {t('cataloguePublic.packagePage.back')}
        </Link>
      </nav>
      <PageHeader title={name} lead={t(`${p}.lead`)} icon={<BuildingIcon />} />
      <p>
        <Link to="/catalogue" search={{ agencyId: agency.id }}>
          {t(`${p}.searchAgency`)}
        </Link>
      </p>

      <section className="card stack" aria-labelledby={ids.electronic}>
        <h2 id={ids.electronic} className="card__title">
          {t(`${p}.electronic`)} <span className="text-muted">({format.number(electronic.length)})</span>
        </h2>
        {electronic.length === 0 ? (
          <p className="text-muted">{t(`${p}.noElectronic`)}</p>
        ) : (
          <ul className="cp-agency-list" aria-labelledby={ids.electronic}>
            {electronic.map((s) => (
              <AgencyService key={s.serviceId} service={s} desk={deskOf(s.serviceId)} />
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby={ids.notYet}>
        <h2 id={ids.notYet} className="card__title">
          {t(`${p}.notYetElectronic`)} <span className="text-muted">({format.number(notYetElectronic.length)})</span>
        </h2>
        {notYetElectronic.length === 0 ? (
          <p className="text-muted">{t(`${p}.noNotYet`)}</p>
        ) : (
          <ul className="cp-agency-list" aria-labelledby={ids.notYet}>
            {notYetElectronic.map((s) => (
              <AgencyService key={s.serviceId} service={s} plan={s} desk={deskOf(s.serviceId)} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function AgencyService({
  service: s,
  plan,
  desk,
}: {
  service: AgencyServiceSummary;
  plan?: MaturityPlan;
  desk: readonly PublicService[] | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="cp-agency-item">
      <h3 className="cp-result__title">
        <DocumentIcon />
        <Link to="/catalogue/$serviceId" params={{ serviceId: s.serviceId }}>
          <UserText>{s.title}</UserText>
        </Link>
      </h3>
      <p className="cp-result__badges">
        <MaturityBadge maturity={s.maturity} />
        {s.expired ? <ExpiredBadge /> : null}
        <span className="text-muted">{t('cataloguePublic.service.idValue', { id: format.digits(s.serviceId) })}</span>
        <span className="text-muted">
          {t('cataloguePublic.service.recipients')}: <RecipientsText recipients={s.recipients} />
        </span>
      </p>
      {plan ? <MaturityPlanText plan={plan} empty={t('cataloguePublic.agencyPage.noPlan')} /> : null}
      <DeskNote service={s} desk={desk} />
    </li>
  );
}
