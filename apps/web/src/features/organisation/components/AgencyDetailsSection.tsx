import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import type { AgencyCapabilities } from '../staffApi';
import { AgencyForm } from './AgencyForm';
import { DoneNotice, SectionHeader } from './formParts';

/** The agency's details, and their form where the capabilities allow editing. */
export function AgencyDetailsSection({
  agency,
  agencies,
  capabilities,
}: {
  agency: Agency;
  agencies: readonly Agency[];
  capabilities: AgencyCapabilities;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <section className="card stack" aria-labelledby="agency-details">
      <SectionHeader
        titleId="agency-details"
        title={t('admin.agency.details')}
        action={
          !editing &&
          capabilities.edit && {
            id: 'agency-edit',
            label: t('admin.agency.edit'),
            onClick: () => {
              setSaved(false);
              setEditing(true);
            },
          }
        }
      />
      <DoneNotice message={saved && t('admin.agency.saved')} />
      {editing ? (
        <AgencyForm
          key={agency.version}
          agency={agency}
          agencies={agencies}
          canChangeLegalIdOrParent={capabilities.changeLegalIdOrParent}
          onDone={(result) => {
            setEditing(false);
            setSaved(result !== null);
            requestAnimationFrame(() => document.getElementById('agency-edit')?.focus());
          }}
        />
      ) : (
        <dl className="facts facts--grid">
          <div className="facts__row">
            <dt>{t('admin.agency.legalId')}</dt>
            <dd>
              <bdi dir="ltr">{format.digits(agency.legalId)}</bdi>
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('admin.agency.nameEn')}</dt>
            <dd lang="en" dir="ltr">
              {agency.nameEn ?? '—'}
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('admin.agency.parent')}</dt>
            <dd>{agencies.find((a) => a.id === agency.parentId)?.nameFa ?? t('admin.agency.noParent')}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('admin.agency.province')}</dt>
            <dd>{[agency.province, agency.county].filter(Boolean).join('، ') || '—'}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
