import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { BuildingIcon, PlusIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import type { Agency, OrgUnit } from '../../../lib/contracts';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { useFormState } from '../../../lib/useFormState';
import { createUnit, unitTree, unitsQuery, updateUnit, type UnitNode } from '../api';
import type { AgencyCapabilities } from '../staffApi';
import { SubmitButton } from '../../../components/SubmitButton';
import { QueryStates } from '../../../components/QueryStates';

/** The tree; each unit with an edit button when `onEdit` is given. */
function UnitTreeList({ nodes, onEdit }: { nodes: UnitNode[]; onEdit: ((unit: OrgUnit) => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <ul className="tree">
      {nodes.map((n) => (
        <li key={n.id}>
          <span className="tree__label">
            {onEdit ? (
              <button
                id={`unit-edit-${n.id}`}
                type="button"
                className="button button--ghost button--small"
                aria-label={t('admin.units.editOf', { name: n.nameFa })}
                onClick={() => onEdit(n)}
              >
                {t('admin.units.edit')}
              </button>
            ) : null}
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

/** The agency's unit tree; new and edited units where the capabilities allow. */
export function UnitsSection({ agency, capabilities }: { agency: Agency; capabilities: AgencyCapabilities }) {
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
        {creating || !capabilities.createUnit ? null : (
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
      <QueryStates
        query={units}
        isEmpty={(unitsData) => unitsData.length === 0}
        empty={<EmptyState icon={<BuildingIcon />} title={t('admin.units.empty')} headingLevel={3} />}
      >
        {(unitsData) => (
          <UnitTreeList
            nodes={unitTree(unitsData)}
            onEdit={capabilities.editUnits ? (u) => setEditing(u) : undefined}
          />
        )}
      </QueryStates>
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
          <SubmitButton pending={save.isPending}>{unit ? t('admin.units.save') : t('admin.units.create')}</SubmitButton>
          <button type="button" className="button button--ghost" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
