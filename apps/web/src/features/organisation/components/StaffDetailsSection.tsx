import { isValidNationalCode, toAsciiDigits, validateMobile } from '@dargah/persian';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { useFormState } from '../../../lib/useFormState';
import { updateStaff, type StaffCapabilities, type StaffDetails } from '../staffApi';
import { useStaffRefresh } from './staffMutations';
import { DoneNotice, FormActions, FormInput, SectionHeader } from './formParts';

const FIELDS = ['displayName', 'nationalCode', 'mobile', 'email'] as const;
type F = (typeof FIELDS)[number];

/** Name, national code, mobile and e-mail; edited at the version read (a concurrent change is told). */
export function StaffDetailsSection({
  member,
  capabilities,
}: {
  member: StaffDetails;
  capabilities: StaffCapabilities;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const none = t('staffAdmin.details.none');

  return (
    <section className="card stack" aria-labelledby="staff-details-title">
      <SectionHeader
        titleId="staff-details-title"
        title={t('staffAdmin.details.title')}
        action={
          !editing &&
          capabilities.edit && {
            id: 'staff-details-edit',
            label: t('staffAdmin.details.edit'),
            onClick: () => {
              setSaved(false);
              setEditing(true);
            },
          }
        }
      />
      <DoneNotice message={saved && t('staffAdmin.details.saved')} />
      {editing ? (
        <DetailsForm
          key={member.version}
          member={member}
          onDone={(ok) => {
            setEditing(false);
            setSaved(ok);
            requestAnimationFrame(() => document.getElementById('staff-details-edit')?.focus());
          }}
        />
      ) : (
        <dl className="facts facts--grid">
          <div className="facts__row">
            <dt>{t('staffAdmin.details.username')}</dt>
            <dd>
              <bdi dir="ltr">{member.username}</bdi>
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('staffAdmin.details.nationalCode')}</dt>
            <dd>{member.nationalCode ? <bdi dir="ltr">{format.digits(member.nationalCode)}</bdi> : none}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('staffAdmin.details.mobile')}</dt>
            <dd>{member.mobile ? <bdi dir="ltr">{format.digits(member.mobile)}</bdi> : none}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('staffAdmin.details.email')}</dt>
            <dd>{member.email ? <bdi dir="ltr">{member.email}</bdi> : none}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function DetailsForm({ member, onDone }: { member: StaffDetails; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const refresh = useStaffRefresh(member);
  const form = useFormState<F>({
    order: FIELDS,
    initial: {
      displayName: member.displayName,
      nationalCode: member.nationalCode ?? '',
      mobile: member.mobile ?? '',
      email: member.email ?? '',
    },
    idPrefix: 'staff-details-',
    validate: (v) => {
      const code = toAsciiDigits(v.nationalCode).replace(/[\s-]/g, '');
      return {
        displayName: [...v.displayName.trim()].length < 2 ? t('validation.required') : undefined,
        nationalCode: code && !isValidNationalCode(code) ? t('validation.nationalCodeInvalid') : undefined,
        mobile: v.mobile.trim() && !validateMobile(v.mobile).ok ? t('validation.mobileInvalid') : undefined,
        email: v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim()) ? t('validation.email') : undefined,
      };
    },
  });
  const save = useMutation({
    mutationFn: () => {
      const v = form.values;
      const opt = (s: string) => (s.trim() ? s.trim() : undefined);
      const mobile = validateMobile(v.mobile);
      return updateStaff(member.id, {
        displayName: v.displayName.trim(),
        ...(opt(v.nationalCode) ? { nationalCode: opt(v.nationalCode) } : {}),
        ...(opt(v.mobile) && mobile.ok ? { mobile: mobile.value } : {}),
        ...(opt(v.email) ? { email: opt(v.email) } : {}),
        // Not on this form, but a PUT replaces everything: send it back unchanged.
        ...(member.oidcSubject ? { oidcSubject: member.oidcSubject } : {}),
        version: member.version,
      });
    },
    onSuccess: async () => {
      await refresh();
      onDone(true);
    },
    onError: async (error) => {
      form.showServerError(error);
      if (error instanceof ApiError && error.code === 'CONFLICT') await refresh();
    },
  });
  const labels: Record<F, string> = {
    displayName: t('staffAdmin.details.displayName'),
    nationalCode: t('staffAdmin.details.nationalCode'),
    mobile: t('staffAdmin.details.mobile'),
    email: t('staffAdmin.details.email'),
  };
  const conflict = save.error instanceof ApiError && save.error.code === 'CONFLICT';
  const placed = form.summary(labels).length > 0;

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!save.isPending && form.check()) save.mutate();
      }}
    >
      <ErrorSummary id="staff-details-errors" errors={form.summary(labels)} />
      {conflict ? (
        <Notice tone="warning" role="alert">
          <p>{t('staffAdmin.details.conflict')}</p>
        </Notice>
      ) : save.isError && !placed ? (
        <ErrorNotice error={save.error} />
      ) : null}
      <div className="form-grid">
        <FormInput form={form} name="displayName" label={labels.displayName} required autoComplete="off" />
        <FormInput
          form={form}
          name="nationalCode"
          label={labels.nationalCode}
          className="input--digits"
          inputMode="numeric"
          maxLength={14}
          autoComplete="off"
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
        <FormInput form={form} name="email" label={labels.email} type="email" dir="ltr" autoComplete="off" />
      </div>
      <FormActions pending={save.isPending} submitLabel={t('staffAdmin.details.save')} onCancel={() => onDone(false)} />
    </form>
  );
}
