import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { PageHeader } from '../../../components/PageHeader';
import { BuildingIcon, PlusIcon, SettingsIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { adminAgenciesQuery } from '../api';
import { AgencyForm } from '../components/AgencyForm';
import { adminCapabilitiesQuery } from '../staffApi';

/**
 * `/admin`: the agencies this administrator manages, and a form to register a new one for those
 * whose capabilities allow it (platform administrators).
 */
export function AdminHomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const agencies = useQuery(adminAgenciesQuery);
  const capabilities = useQuery(adminCapabilitiesQuery);
  const mayCreate = capabilities.data?.createAgency === true;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  const body = (
    <QueryStates
      query={agencies}
      isEmpty={(list) => list.length === 0}
      empty={
        <EmptyState icon={<BuildingIcon />} title={t('admin.agenciesEmpty')} headingLevel={3}>
          {mayCreate ? <p>{t('admin.agenciesEmptyBody')}</p> : null}
        </EmptyState>
      }
    >
      {(list) => (
        <ul className="admin-list">
          {list.map((a) => (
            <li key={a.id} className="admin-list__item">
              <Link to="/admin/agencies/$agencyId" params={{ agencyId: a.id }} className="admin-list__title">
                {a.nameFa}
              </Link>
              <p className="admin-list__meta">
                <span>{t(`admin.agencyKinds.${a.kind}`)}</span>
                <span>
                  {t('admin.agency.legalId')}: <bdi dir="ltr">{format.digits(a.legalId)}</bdi>
                </span>
                {a.province ? <span>{a.province}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </QueryStates>
  );

  return (
    <div className="stack-lg">
      <PageHeader title={t('admin.title')} lead={t('admin.lead')} icon={<SettingsIcon />} />
      {created ? (
        <Notice tone="success" role="status">
          <p>{t('admin.agency.created', { name: created })}</p>
        </Notice>
      ) : null}
      <section className="card stack" aria-labelledby="agencies-title">
        <div className="card__header">
          <h2 id="agencies-title" className="card__title">
            {t('admin.agencies')}
          </h2>
          {creating || !mayCreate ? null : (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
            >
              <PlusIcon />
              {t('admin.agency.new')}
            </button>
          )}
        </div>
        {creating && mayCreate ? (
          <section className="subpanel stack" aria-labelledby="new-agency-title">
            <h3 id="new-agency-title" className="subpanel__title">
              {t('admin.agency.new')}
            </h3>
            <AgencyForm
              agencies={agencies.data ?? []}
              onDone={(saved) => {
                setCreating(false);
                setCreated(saved ? saved.nameFa : null);
              }}
            />
          </section>
        ) : null}
        {body}
      </section>
    </div>
  );
}
