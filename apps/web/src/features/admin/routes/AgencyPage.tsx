import { ROLES as ALL_ROLES } from '@dargah/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice, Loading, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { BackIcon, BuildingIcon, PlusIcon, UserIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import type { Agency, OrgUnit, RoleName } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { useFormState } from '../../../lib/useFormState';
import {
  adminAgenciesQuery,
  createStaff,
  createUnit,
  updateUnit,
  grantRole,
  staffQuery,
  unitTree,
  unitsQuery,
  type UnitNode,
} from '../api';
import { AgencyForm } from '../components/AgencyForm';
import { DeskServicesSection } from '../components/DeskServicesSection';

const ROLES: readonly RoleName[] = ALL_ROLES;

/** `/admin/agencies/$agencyId`: an agency's details, its units (as a tree) and its staff. */
export function AgencyPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { agencyId = '' } = useParams({ strict: false });
  const agencies = useQuery(adminAgenciesQuery);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  if (agencies.isPending) {
    return (
      <div className="stack-lg">
        <PageHeader title={t('admin.agency.loading')} icon={<BuildingIcon />} />
        <Loading />
      </div>
    );
  }
  const agency = agencies.data?.find((a) => a.id === agencyId);
  if (agencies.isError || !agency) {
    return (
      <div className="stack-lg">
        <PageHeader title={t('admin.agency.notFound')} icon={<BuildingIcon />} />
        {agencies.isError ? <ErrorNotice error={agencies.error} /> : null}
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

      <section className="card stack" aria-labelledby="agency-details">
        <div className="card__header">
          <h2 id="agency-details" className="card__title">
            {t('admin.agency.details')}
          </h2>
          {editing ? null : (
            <button
              id="agency-edit"
              type="button"
              className="button button--ghost button--small"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('admin.agency.edit')}
            </button>
          )}
        </div>
        {saved ? (
          <Notice tone="success" role="status">
            <p>{t('admin.agency.saved')}</p>
          </Notice>
        ) : null}
        {editing ? (
          <AgencyForm
            key={agency.version}
            agency={agency}
            agencies={agencies.data}
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
              <dd>{agencies.data.find((a) => a.id === agency.parentId)?.nameFa ?? t('admin.agency.noParent')}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('admin.agency.province')}</dt>
              <dd>{[agency.province, agency.county].filter(Boolean).join('، ') || '—'}</dd>
            </div>
          </dl>
        )}
      </section>

      <UnitsSection agency={agency} />
      <StaffSection agency={agency} />
      <DeskServicesSection agency={agency} />
    </div>
  );
}

function UnitTreeList({ nodes, onEdit }: { nodes: UnitNode[]; onEdit: (unit: OrgUnit) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="tree">
      {nodes.map((n) => (
        <li key={n.id}>
          <span className="tree__label">
            <button
              id={`unit-edit-${n.id}`}
              type="button"
              className="button button--ghost button--small"
              aria-label={t('admin.units.editOf', { name: n.nameFa })}
              onClick={() => onEdit(n)}
            >
              {t('admin.units.edit')}
            </button>
            {n.nameFa}
            <span className="tree__meta">
              {t(`admin.unitKinds.${n.kind}`)}
              {n.code ? (
                <>
                  {' · '}
                  <bdi dir="ltr">{n.code}</bdi>
                </>
              ) : null}
            </span>
          </span>
          {n.children.length > 0 ? <UnitTreeList nodes={n.children} onEdit={onEdit} /> : null}
        </li>
      ))}
    </ul>
  );
}

function UnitsSection({ agency }: { agency: Agency }) {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery(agency.id));
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<OrgUnit | null>(null);

  return (
    <section className="card stack" aria-labelledby="units-title">
      <div className="card__header">
        <h2 id="units-title" className="card__title">
          {t('admin.units.title')}
        </h2>
        {creating ? null : (
          <button
            id="unit-new"
            type="button"
            className="button button--secondary button--small"
            onClick={() => setCreating(true)}
          >
            <PlusIcon />
            {t('admin.units.new')}
          </button>
        )}
      </div>
      {creating && units.data ? (
        <UnitForm
          agencyId={agency.id}
          units={units.data}
          onDone={() => {
            setCreating(false);
            requestAnimationFrame(() => document.getElementById('unit-new')?.focus());
          }}
        />
      ) : null}
      {editing && units.data ? (
        <UnitForm
          key={editing.id}
          agencyId={agency.id}
          units={units.data}
          unit={editing}
          onDone={() => {
            const id = editing.id;
            setEditing(null);
            requestAnimationFrame(() => document.getElementById(`unit-edit-${id}`)?.focus());
          }}
        />
      ) : null}
      {units.isPending ? (
        <Loading />
      ) : units.isError ? (
        <ErrorNotice error={units.error} />
      ) : units.data.length === 0 ? (
        <EmptyState icon={<BuildingIcon />} title={t('admin.units.empty')} headingLevel={3} />
      ) : (
        <UnitTreeList nodes={unitTree(units.data)} onEdit={(u) => setEditing(u)} />
      )}
    </section>
  );
}

const UNIT_FIELDS = ['nameFa', 'nameEn', 'kind', 'parentId', 'code'] as const;
type UF = (typeof UNIT_FIELDS)[number];

/** The units a unit may be placed under: not itself, not one of its own descendants. */
function possibleParents(units: readonly OrgUnit[], unit: OrgUnit | undefined): readonly OrgUnit[] {
  if (!unit) return units;
  const excluded = new Set([unit.id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) {
      if (u.parentId && excluded.has(u.parentId) && !excluded.has(u.id)) {
        excluded.add(u.id);
        grew = true;
      }
    }
  }
  return units.filter((u) => !excluded.has(u.id));
}

/** Creates a unit, or edits `unit` at the version it was read (409 when someone changed it meanwhile). */
function UnitForm({
  agencyId,
  units,
  unit,
  onDone,
}: {
  agencyId: string;
  units: readonly OrgUnit[];
  unit?: OrgUnit;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormState<UF>({
    order: UNIT_FIELDS,
    initial: unit
      ? {
          nameFa: unit.nameFa,
          nameEn: unit.nameEn ?? '',
          kind: unit.kind,
          parentId: unit.parentId ?? '',
          code: unit.code ?? '',
        }
      : { nameFa: '', nameEn: '', kind: 'operational', parentId: '', code: '' },
    idPrefix: `unit-${unit?.id ?? 'new'}-`,
    validate: (v) => {
      const n = [...v.nameFa.trim()].length;
      return {
        nameFa: n === 0 ? t('validation.required') : n < 2 ? t('validation.tooShort', { count: 2, n: 2 }) : undefined,
      };
    },
  });
  const keys = useRef(createSubmissionKeys()).current;
  const save = useMutation({
    mutationFn: () => {
      const v = form.values;
      const body = {
        nameFa: v.nameFa.trim(),
        ...(v.nameEn.trim() ? { nameEn: v.nameEn.trim() } : {}),
        kind: v.kind === 'headquarters' ? ('headquarters' as const) : ('operational' as const),
        parentId: v.parentId || null,
        ...(v.code.trim() ? { code: v.code.trim() } : {}),
      };
      return unit
        ? updateUnit(unit.id, { ...body, version: unit.version })
        : createUnit(agencyId, body, keys.keyFor(body));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: unitsQuery(agencyId).queryKey });
      onDone();
    },
    onError: async (error) => {
      form.showServerError(error);
      // Stale: the message says so; reload the tree so the next attempt starts from the new version.
      if (error instanceof ApiError && error.code === 'CONFLICT')
        await queryClient.invalidateQueries({ queryKey: unitsQuery(agencyId).queryKey });
    },
  });
  const parents = possibleParents(units, unit);
  const labels: Record<UF, string> = {
    nameFa: t('admin.units.nameFa'),
    nameEn: t('admin.units.nameEn'),
    kind: t('admin.units.kind'),
    parentId: t('admin.units.parent'),
    code: t('admin.units.code'),
  };
  const placed = form.summary(labels).length > 0;

  return (
    <section className="subpanel stack" aria-labelledby={`unit-form-title-${unit?.id ?? 'new'}`}>
      <h3 id={`unit-form-title-${unit?.id ?? 'new'}`} className="subpanel__title">
        {unit ? t('admin.units.editOf', { name: unit.nameFa }) : t('admin.units.new')}
      </h3>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending && form.check()) save.mutate();
        }}
      >
        <ErrorSummary id={`unit-errors-${unit?.id ?? 'new'}`} errors={form.summary(labels)} />
        {save.isError && !placed ? <ErrorNotice error={save.error} /> : null}
        <div className="form-grid">
          <Field id={form.idOf('nameFa')} name="nameFa" label={labels.nameFa} error={form.errorOf('nameFa')} required>
            {(props) => <input {...props} className="input" {...form.bind('nameFa')} />}
          </Field>
          <Field id={form.idOf('nameEn')} name="nameEn" label={labels.nameEn} error={form.errorOf('nameEn')}>
            {(props) => <input {...props} className="input" lang="en" dir="ltr" {...form.bind('nameEn')} />}
          </Field>
          <Field id={form.idOf('kind')} name="kind" label={labels.kind} error={form.errorOf('kind')} required>
            {(props) => (
              <select {...props} className="input" {...form.bind('kind')}>
                <option value="headquarters">{t('admin.unitKinds.headquarters')}</option>
                <option value="operational">{t('admin.unitKinds.operational')}</option>
              </select>
            )}
          </Field>
          <Field id={form.idOf('parentId')} name="parentId" label={labels.parentId} error={form.errorOf('parentId')}>
            {(props) => (
              <select {...props} className="input" {...form.bind('parentId')}>
                <option value="">{t('admin.units.noParent')}</option>
                {parents.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.nameFa}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={form.idOf('code')} name="code" label={labels.code} error={form.errorOf('code')}>
            {(props) => <input {...props} className="input" dir="ltr" {...form.bind('code')} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={save.isPending}>
            {save.isPending ? <span className="spinner" aria-hidden="true" /> : null}
            {unit ? t('admin.units.save') : t('admin.units.create')}
          </button>
          <button type="button" className="button button--ghost" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function StaffSection({ agency }: { agency: Agency }) {
  const { t } = useTranslation();
  const format = useFormat();
  const staff = useQuery(staffQuery(agency.id));
  const units = useQuery(unitsQuery(agency.id));
  const [creating, setCreating] = useState(false);
  const unitName = (id: string | null) => (id ? (units.data?.find((u) => u.id === id)?.nameFa ?? '') : '');

  return (
    <section className="card stack" aria-labelledby="staff-title">
      <div className="card__header">
        <h2 id="staff-title" className="card__title">
          {t('admin.staff.title')}
        </h2>
        {creating ? null : (
          <button
            id="staff-new"
            type="button"
            className="button button--secondary button--small"
            onClick={() => setCreating(true)}
          >
            <PlusIcon />
            {t('admin.staff.new')}
          </button>
        )}
      </div>
      {creating ? (
        <StaffForm
          agencyId={agency.id}
          units={units.data ?? []}
          onDone={() => {
            setCreating(false);
            requestAnimationFrame(() => document.getElementById('staff-new')?.focus());
          }}
        />
      ) : null}
      {staff.isPending ? (
        <Loading />
      ) : staff.isError ? (
        <ErrorNotice error={staff.error} />
      ) : staff.data.length === 0 ? (
        <EmptyState icon={<UserIcon />} title={t('admin.staff.empty')} headingLevel={3} />
      ) : (
        <ul className="admin-list">
          {staff.data.map((s) => (
            <li key={s.id} className="admin-list__item">
              <p className="admin-list__title" dir="auto">{s.displayName}</p>
              <p className="admin-list__meta">
                <bdi dir="ltr">{s.username}</bdi>
                {s.roles.map((r) => (
                  <span key={`${r.role}-${r.unitId ?? ''}`}>
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
    </section>
  );
}

const STAFF_FIELDS = ['displayName', 'username', 'password', 'role', 'unitId'] as const;
type SF = (typeof STAFF_FIELDS)[number];

function StaffForm({ agencyId, units, onDone }: { agencyId: string; units: readonly OrgUnit[]; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormState<SF>({
    order: STAFF_FIELDS,
    initial: { displayName: '', username: '', password: '', role: 'desk_clerk', unitId: '' },
    idPrefix: 'staff-',
    validate: (v) => ({
      displayName: [...v.displayName.trim()].length < 2 ? t('validation.required') : undefined,
      username: !/^[a-z0-9._-]{3,64}$/i.test(v.username.trim()) ? t('validation.username') : undefined,
      password:
        v.password.length < 10
          ? t('validation.passwordLength', { n: 10 })
          : !(/\p{L}/u.test(v.password) && /\d/.test(v.password))
            ? t('validation.passwordSimple')
            : v.username.trim() && v.password.toLowerCase().includes(v.username.trim().toLowerCase())
              ? t('validation.passwordHasUsername')
              : undefined,
      role: v.role === '' ? t('validation.choose') : undefined,
    }),
  });
  const keys = useRef(createSubmissionKeys()).current;
  const save = useMutation({
    // Two steps: the account, then its role. A retry after a failed grant replays the create
    // (same idempotency key) and grants again.
    mutationFn: async () => {
      const v = form.values;
      const body = {
        displayName: v.displayName.trim(),
        username: v.username.trim().toLowerCase(),
        password: v.password,
      };
      const member = await createStaff(agencyId, body, keys.keyFor(body));
      return grantRole(member.id, { role: v.role as RoleName, agencyId, unitId: v.unitId || null });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: staffQuery(agencyId).queryKey });
      onDone();
    },
    onError: (error) => {
      // The account may exist already (its role grant failed): show it in the list.
      void queryClient.invalidateQueries({ queryKey: staffQuery(agencyId).queryKey });
      const message = error instanceof ApiError ? error.message : undefined;
      form.showServerError(
        error,
        {
          USERNAME_TAKEN: 'username',
          PASSWORD_TOO_SHORT: 'password',
          PASSWORD_TOO_SIMPLE: 'password',
          PASSWORD_CONTAINS_USERNAME: 'password',
        },
        message,
      );
    },
  });
  const labels: Record<SF, string> = {
    displayName: t('admin.staff.displayName'),
    username: t('admin.staff.username'),
    password: t('admin.staff.password'),
    role: t('admin.staff.role'),
    unitId: t('admin.staff.unit'),
  };
  const placed = form.summary(labels).length > 0;

  return (
    <section className="subpanel stack" aria-labelledby="staff-form-title">
      <h3 id="staff-form-title" className="subpanel__title">
        {t('admin.staff.new')}
      </h3>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending && form.check()) save.mutate();
        }}
      >
        <ErrorSummary id="staff-errors" errors={form.summary(labels)} />
        {save.isError && !placed ? <ErrorNotice error={save.error} /> : null}
        <div className="form-grid">
          <Field
            id={form.idOf('displayName')}
            name="displayName"
            label={labels.displayName}
            error={form.errorOf('displayName')}
            required
          >
            {(props) => <input {...props} className="input" autoComplete="off" {...form.bind('displayName')} />}
          </Field>
          <Field
            id={form.idOf('username')}
            name="username"
            label={labels.username}
            help={t('admin.staff.usernameHelp')}
            error={form.errorOf('username')}
            required
          >
            {(props) => (
              <input
                {...props}
                className="input"
                dir="ltr"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                {...form.bind('username')}
              />
            )}
          </Field>
          <Field
            id={form.idOf('password')}
            name="password"
            label={labels.password}
            help={t('admin.staff.passwordHelp')}
            error={form.errorOf('password')}
            required
          >
            {(props) => (
              <input
                {...props}
                className="input"
                type="password"
                dir="ltr"
                autoComplete="new-password"
                {...form.bind('password')}
              />
            )}
          </Field>
          <Field id={form.idOf('role')} name="role" label={labels.role} error={form.errorOf('role')} required>
            {(props) => (
              <select {...props} className="input" {...form.bind('role')}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={form.idOf('unitId')}
            name="unitId"
            label={labels.unitId}
            help={t('admin.staff.unitHelp')}
            error={form.errorOf('unitId')}
          >
            {(props) => (
              <select {...props} className="input" {...form.bind('unitId')}>
                <option value="">{t('admin.staff.wholeAgency')}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.nameFa}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={save.isPending}>
            {save.isPending ? <span className="spinner" aria-hidden="true" /> : null}
            {t('admin.staff.create')}
          </button>
          <button type="button" className="button button--ghost" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
