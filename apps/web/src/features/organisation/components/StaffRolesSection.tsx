import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { Field } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { UserIcon } from '../../../components/icons';
import type { OrgUnit, RoleName } from '../../../lib/contracts';
import { grantStaffRole, revokeStaffRole, type StaffCapabilities, type StaffDetails } from '../staffApi';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DoneNotice } from './formParts';
import { useStaffRefresh } from './staffMutations';
import { SubmitButton } from '../../../components/SubmitButton';

type Grant = StaffDetails['roles'][number];

/**
 * The roles the staff member holds, each revocable (with confirmation) when the administrator may
 * change this role; a grant form with only the roles the administrator may grant.
 */
export function StaffRolesSection({
  member,
  capabilities,
  units,
  agencyName,
}: {
  member: StaffDetails;
  capabilities: StaffCapabilities;
  units: readonly OrgUnit[];
  agencyName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const refresh = useStaffRefresh(member);
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const grantable = new Set<string>(capabilities.grantableRoles);
  const unitName = (id: string) => units.find((u) => u.id === id)?.nameFa ?? '';
  const revoke = useMutation({
    mutationFn: (g: Grant) => revokeStaffRole(member.id, { role: g.role, agencyId: g.agencyId, unitId: g.unitId }),
    onSuccess: async (_, g) => {
      await refresh();
      setRevoking(null);
      setDone(t('staffAdmin.roles.revoked', { role: t(`roles.${g.role}`) }));
    },
  });

  return (
    <section className="card stack" aria-labelledby="staff-roles-title">
      <h2 id="staff-roles-title" className="card__title">
        {t('staffAdmin.roles.title')}
      </h2>
      <DoneNotice message={done} />
      {member.roles.length === 0 ? (
        <EmptyState icon={<UserIcon />} title={t('staffAdmin.roles.empty')} headingLevel={3} />
      ) : (
        <ul className="admin-list" aria-label={t('staffAdmin.roles.title')}>
          {member.roles.map((g) => (
            <li key={`${g.role}-${g.agencyId}-${g.unitId ?? ''}`} className="admin-list__item">
              <p className="admin-list__title">{t(`roles.${g.role}`)}</p>
              <p className="admin-list__meta">
                <span>{t('staffAdmin.roles.inAgency', { agency: agencyName(g.agencyId) })}</span>
                {g.unitId ? <span>{t('staffAdmin.roles.inUnit', { unit: unitName(g.unitId) })}</span> : null}
                {g.includeSubagencies ? <span>{t('staffAdmin.roles.withSubagencies')}</span> : null}
              </p>
              {grantable.has(g.role) ? (
                <div className="admin-actions">
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    aria-label={t('staffAdmin.roles.revokeOf', { role: t(`roles.${g.role}`) })}
                    onClick={() => {
                      revoke.reset();
                      setDone(null);
                      setRevoking(g);
                    }}
                  >
                    {t('staffAdmin.roles.revoke')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {capabilities.changeRoles ? (
        <GrantForm
          member={member}
          roles={capabilities.grantableRoles}
          units={units}
          onGranted={(role) => setDone(t('staffAdmin.roles.granted', { role: t(`roles.${role}`) }))}
        />
      ) : capabilities.edit ? (
        <p className="text-muted">{t('staffAdmin.roles.locked')}</p>
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        title={
          revoking
            ? t('staffAdmin.roles.revokeTitle', { role: t(`roles.${revoking.role}`), name: member.displayName })
            : ''
        }
        confirmLabel={t('staffAdmin.roles.revokeConfirm')}
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      >
        <p>{t('staffAdmin.roles.revokeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function GrantForm({
  member,
  roles,
  units,
  onGranted,
}: {
  member: StaffDetails;
  roles: readonly RoleName[];
  units: readonly OrgUnit[];
  onGranted: (role: RoleName) => void;
}) {
  const { t } = useTranslation();
  const refresh = useStaffRefresh(member);
  const [role, setRole] = useState<RoleName>(roles[0]!);
  const [unitId, setUnitId] = useState('');
  const grant = useMutation({
    mutationFn: () => grantStaffRole(member.id, { role, agencyId: member.agencyId, unitId: unitId || null }),
    onSuccess: async () => {
      await refresh();
      onGranted(role);
    },
  });

  return (
    <form
      className="subpanel stack"
      aria-labelledby="grant-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (!grant.isPending) grant.mutate();
      }}
    >
      <h3 id="grant-title" className="subpanel__title">
        {t('staffAdmin.roles.grant')}
      </h3>
      {grant.isError ? <ErrorNotice error={grant.error} title={t('staffAdmin.common.refused')} /> : null}
      <div className="form-grid">
        <Field id="grant-role" name="role" label={t('staffAdmin.roles.role')} required>
          {(props) => (
            <select {...props} className="input" value={role} onChange={(e) => setRole(e.target.value as RoleName)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="grant-unit" name="unitId" label={t('staffAdmin.roles.unit')}>
          {(props) => (
            <select {...props} className="input" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t('staffAdmin.roles.wholeAgency')}</option>
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
        <SubmitButton pending={grant.isPending} variant="secondary">
          {t('staffAdmin.roles.grant')}
        </SubmitButton>
      </div>
    </form>
  );
}
