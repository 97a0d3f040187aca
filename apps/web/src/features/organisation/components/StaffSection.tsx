import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { UserIcon } from '../../../components/icons';
import type { Agency } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { unitsQuery } from '../api';
import { staffPageQuery, type AgencyCapabilities } from '../staffApi';
import { StaffCreateForm } from './StaffCreateForm';
import { DoneNotice, SectionHeader } from './formParts';
import { QueryStates } from '../../../components/QueryStates';

/** The agency's staff: searched, a page at a time, each linking to their page; a new member where allowed. */
export function StaffSection({ agency, capabilities }: { agency: Agency; capabilities: AgencyCapabilities }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const staff = useInfiniteQuery(staffPageQuery(agency.id, q));
  const units = useQuery(unitsQuery(agency.id));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const unitName = (id: string | null) => (id ? (units.data?.find((u) => u.id === id)?.nameFa ?? '') : '');
  const items = staff.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card stack" aria-labelledby="staff-title">
      <SectionHeader
        titleId="staff-title"
        title={t('admin.staff.title')}
        action={
          !creating &&
          capabilities.createStaff && {
            id: 'staff-new',
            label: t('admin.staff.new'),
            add: true,
            onClick: () => {
              setCreated(null);
              setCreating(true);
            },
          }
        }
      />
      <DoneNotice message={created && t('staffAdmin.list.created', { name: created })} />
      {creating ? (
        <StaffCreateForm
          agencyId={agency.id}
          units={units.data ?? []}
          grantableRoles={capabilities.grantableRoles}
          onDone={(member) => {
            setCreating(false);
            setCreated(member?.displayName ?? null);
            requestAnimationFrame(() => document.getElementById('staff-new')?.focus());
          }}
        />
      ) : null}
      <form
        role="search"
        className="toolbar admin-search"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(typed.trim());
        }}
      >
        <label htmlFor="staff-search" className="visually-hidden">
          {t('staffAdmin.list.search')}
        </label>
        <input
          id="staff-search"
          type="search"
          className="input"
          placeholder={t('staffAdmin.list.searchHelp')}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {t('staffAdmin.list.searchButton')}
        </button>
      </form>
      <QueryStates
        query={staff}
        isEmpty={() => items.length === 0}
        empty={
          <EmptyState
            icon={<UserIcon />}
            title={q ? t('staffAdmin.list.noMatch', { q }) : t('admin.staff.empty')}
            headingLevel={3}
          />
        }
      >
        {() => (
          <ul className="admin-list">
            {items.map((s) => (
              <li key={s.id} className="admin-list__item">
                <Link
                  to="/admin/agencies/$agencyId/staff/$staffId"
                  params={{ agencyId: agency.id, staffId: s.id }}
                  className="admin-list__title"
                  dir="auto"
                >
                  {s.displayName}
                </Link>
                <p className="admin-list__meta">
                  <bdi dir="ltr">{s.username}</bdi>
                  {s.roles.map((r) => (
                    <span key={`${r.role}-${r.agencyId}-${r.unitId ?? ''}`}>
                      {t(`roles.${r.role}`)}
                      {r.unitId ? ` (${unitName(r.unitId)})` : ''}
                    </span>
                  ))}
                  {s.active ? null : <span className="text-danger">{t('admin.staff.inactive')}</span>}
                  {s.locked && s.lockedUntil ? (
                    <span className="text-danger">
                      {t('admin.staff.locked', { time: format.dateTime(s.lockedUntil) })}
                    </span>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      <LoadMoreButton query={staff} />
    </section>
  );
}
