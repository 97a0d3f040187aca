import { validateMobile } from '@dargah/persian';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import type { OrgUnit, RoleName } from '../../../lib/contracts';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { useFormState } from '../../../lib/useFormState';
import { agencyKey, createStaffWithRoles, type StaffDetails } from '../staffApi';
import { FormActions, FormInput } from './formParts';

const FIELDS = ['displayName', 'username', 'password', 'mobile', 'role', 'unitId'] as const;
type F = (typeof FIELDS)[number];

/** The client's copy of the password rules (the server checks them again): the broken rule's message key. */
export function passwordProblemKey(password: string, username: string) {
  if (password.length < 10) return 'validation.passwordLength' as const;
  if (!(/\p{L}/u.test(password) && /\p{Nd}/u.test(password))) return 'validation.passwordSimple' as const;
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return 'validation.passwordHasUsername' as const;
  return undefined;
}

/**
 * A new staff member and their first role, in one request: the server creates both or neither.
 * Only the roles the administrator may grant here are offered.
 */
export function StaffCreateForm({
  agencyId,
  units,
  grantableRoles,
  onDone,
}: {
  agencyId: string;
  units: readonly OrgUnit[];
  grantableRoles: readonly RoleName[];
  onDone: (created: StaffDetails | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const passwordMessage = (password: string, username: string) => {
    const key = passwordProblemKey(password, username);
    return key ? t(key, { n: 10 }) : undefined;
  };
  const form = useFormState<F>({
    order: FIELDS,
    initial: { displayName: '', username: '', password: '', mobile: '', role: grantableRoles[0] ?? '', unitId: '' },
    idPrefix: 'staff-',
    validate: (v) => ({
      displayName: [...v.displayName.trim()].length < 2 ? t('validation.required') : undefined,
      username: !/^[a-z0-9._-]{3,64}$/i.test(v.username.trim()) ? t('validation.username') : undefined,
      password: passwordMessage(v.password, v.username.trim()),
      mobile: v.mobile.trim() && !validateMobile(v.mobile).ok ? t('validation.mobileInvalid') : undefined,
      role: v.role === '' ? t('validation.choose') : undefined,
    }),
  });
  const keys = useRef(createSubmissionKeys()).current;
  const save = useMutation({
    mutationFn: () => {
      const v = form.values;
      const mobile = validateMobile(v.mobile);
      const body = {
        displayName: v.displayName.trim(),
        username: v.username.trim().toLowerCase(),
        password: v.password,
        ...(v.mobile.trim() && mobile.ok ? { mobile: mobile.value } : {}),
        roles: [{ role: v.role as RoleName, agencyId, unitId: v.unitId || null }],
      };
      return createStaffWithRoles(agencyId, body, keys.keyFor(body));
    },
    onSuccess: async (member) => {
      await queryClient.invalidateQueries({ queryKey: agencyKey(agencyId) });
      onDone(member);
    },
    onError: (error) => {
      const message = error instanceof Error ? error.message : undefined;
      form.showServerError(
        error,
        {
          USERNAME_TAKEN: 'username',
          PASSWORD_TOO_SHORT: 'password',
          PASSWORD_TOO_SIMPLE: 'password',
          PASSWORD_CONTAINS_USERNAME: 'password',
          ROLE_RESERVED: 'role',
          UNIT_NOT_IN_AGENCY: 'unitId',
        },
        message,
      );
    },
  });
  const labels: Record<F, string> = {
    displayName: t('admin.staff.displayName'),
    username: t('admin.staff.username'),
    password: t('admin.staff.password'),
    mobile: t('staffAdmin.create.mobile'),
    role: t('admin.staff.role'),
    unitId: t('admin.staff.unit'),
  };
  const placed = form.summary(labels).length > 0;

  return (
    <section className="subpanel stack" aria-labelledby="staff-form-title">
      <h3 id="staff-form-title" className="subpanel__title">
        {t('admin.staff.new')}
      </h3>
      {grantableRoles.length === 0 ? (
        <Notice tone="info">
          <p>{t('staffAdmin.create.noGrantableRoles')}</p>
        </Notice>
      ) : null}
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
          <FormInput form={form} name="displayName" label={labels.displayName} required autoComplete="off" />
          <FormInput
            form={form}
            name="username"
            label={labels.username}
            help={t('admin.staff.usernameHelp')}
            required
            dir="ltr"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
          />
          <FormInput
            form={form}
            name="password"
            label={labels.password}
            help={t('admin.staff.passwordHelp')}
            required
            type="password"
            dir="ltr"
            autoComplete="new-password"
          />
          <FormInput
            form={form}
            name="mobile"
            label={labels.mobile}
            help={t('staffAdmin.create.mobileHelp')}
            type="tel"
            dir="ltr"
            inputMode="tel"
            autoComplete="off"
          />
          <Field id={form.idOf('role')} name="role" label={labels.role} error={form.errorOf('role')} required>
            {(props) => (
              <select {...props} className="input" {...form.bind('role')}>
                {grantableRoles.length === 0 ? <option value="">{t('form.choose')}</option> : null}
                {grantableRoles.map((r) => (
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
        <FormActions pending={save.isPending} submitLabel={t('admin.staff.create')} onCancel={() => onDone(null)} />
      </form>
    </section>
  );
}
