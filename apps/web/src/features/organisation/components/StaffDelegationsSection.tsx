import { toAsciiDigits } from '@dargah/persian';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice, Loading, Notice } from '../../../components/Notice';
import { UserIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { useFormState } from '../../../lib/useFormState';
import {
  createDelegation,
  endDelegation,
  staffDelegationsQuery,
  staffPageQuery,
  type Delegation,
  type StaffCapabilities,
  type StaffDetails,
} from '../staffApi';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useStaffRefresh } from './staffMutations';
import { DoneNotice, FormActions, FormInput, SectionHeader } from './formParts';
import { QueryStates } from '../../../components/QueryStates';

/**
 * Delegations naming this staff member (as principal or delegate): a new delegate from now for a
 * number of days, when the capabilities allow; ending one in force with confirmation.
 */
export function StaffDelegationsSection({
  member,
  capabilities,
}: {
  member: StaffDetails;
  capabilities: StaffCapabilities;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useStaffRefresh(member);
  const delegations = useQuery(staffDelegationsQuery(member.id));
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<Delegation | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (d: Delegation) => endDelegation(d.id),
    onSuccess: async () => {
      await refresh();
      setEnding(null);
      setDone(t('staffAdmin.delegations.ended'));
    },
  });

  return (
    <section className="card stack" aria-labelledby="staff-delegations-title">
      <SectionHeader
        titleId="staff-delegations-title"
        title={t('staffAdmin.delegations.title')}
        action={
          !creating &&
          capabilities.delegate &&
          member.active && {
            id: 'delegation-new',
            label: t('staffAdmin.delegations.new'),
            add: true,
            onClick: () => {
              setDone(null);
              setCreating(true);
            },
          }
        }
      />
      <p className="text-muted">{t('staffAdmin.delegations.lead')}</p>
      <DoneNotice message={done} />
      {creating ? (
        <DelegationForm
          member={member}
          onDone={(created) => {
            setCreating(false);
            if (created) setDone(t('staffAdmin.delegations.created'));
            requestAnimationFrame(() => document.getElementById('delegation-new')?.focus());
          }}
        />
      ) : null}
      <QueryStates
        query={delegations}
        isEmpty={(delegationsData) => delegationsData.length === 0}
        empty={<EmptyState icon={<UserIcon />} title={t('staffAdmin.delegations.empty')} headingLevel={3} />}
      >
        {(delegationsData) => (
          <ul className="admin-list" aria-label={t('staffAdmin.delegations.title')}>
            {delegationsData.map((d) => (
              <li key={d.id} className="admin-list__item">
                <p className="admin-list__title">
                  {t('staffAdmin.delegations.principalIs', { delegate: d.delegateName, principal: d.principalName })}
                </p>
                <p className="admin-list__meta">
                  <span>{t(`staffAdmin.delegations.status.${d.status}`)}</span>
                  <span>
                    {t('staffAdmin.delegations.window', {
                      from: format.dateTime(d.startsAt),
                      to: format.dateTime(d.revokedAt ?? d.endsAt),
                    })}
                  </span>
                  <span>{d.reason}</span>
                </p>
                {d.status === 'active' || d.status === 'scheduled' ? (
                  <div className="admin-actions">
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      aria-label={t('staffAdmin.delegations.endOf', { delegate: d.delegateName })}
                      onClick={() => {
                        end.reset();
                        setDone(null);
                        setEnding(d);
                      }}
                    >
                      {t('staffAdmin.delegations.end')}
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      <ConfirmDialog
        open={ending !== null}
        title={
          ending
            ? t('staffAdmin.delegations.endTitle', { delegate: ending.delegateName, principal: ending.principalName })
            : ''
        }
        confirmLabel={t('staffAdmin.delegations.endConfirm')}
        danger
        pending={end.isPending}
        error={end.error}
        onConfirm={() => ending && end.mutate(ending)}
        onClose={() => setEnding(null)}
      >
        <p>
          {ending
            ? t('staffAdmin.delegations.endBody', { delegate: ending.delegateName, principal: ending.principalName })
            : null}
        </p>
      </ConfirmDialog>
    </section>
  );
}

const FIELDS = ['delegateId', 'days', 'reason'] as const;
type F = (typeof FIELDS)[number];

/** The number of days as typed (Persian or Latin digits), or NaN. */
const daysOf = (typed: string) =>
  /^\s*\d{1,3}\s*$/.test(toAsciiDigits(typed)) ? Number(toAsciiDigits(typed)) : Number.NaN;

function DelegationForm({ member, onDone }: { member: StaffDetails; onDone: (created: boolean) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useStaffRefresh(member);
  // Colleagues: the agency's active staff other than this person (the first page by name is plenty here).
  const colleagues = useInfiniteQuery(staffPageQuery(member.agencyId, ''));
  const options = (colleagues.data?.pages.flatMap((p) => p.items) ?? []).filter((s) => s.active && s.id !== member.id);
  const form = useFormState<F>({
    order: FIELDS,
    initial: { delegateId: '', days: '7', reason: '' },
    idPrefix: 'delegation-',
    validate: (v) => {
      const days = daysOf(v.days);
      return {
        delegateId: v.delegateId === '' ? t('validation.choose') : undefined,
        days: !(days >= 1 && days <= 90) ? t('staffAdmin.delegations.daysInvalid') : undefined,
        reason: [...v.reason.trim()].length < 3 ? t('validation.tooShort', { count: 3, n: 3 }) : undefined,
      };
    },
  });
  const keys = useRef(createSubmissionKeys()).current;
  const endsAt = (from: Date) => new Date(from.getTime() + daysOf(form.values.days) * 86_400_000);
  const save = useMutation({
    mutationFn: () => {
      const now = new Date();
      const body = {
        principalId: member.id,
        delegateId: form.values.delegateId,
        startsAt: now.toISOString(),
        endsAt: endsAt(now).toISOString(),
        reason: form.values.reason.trim(),
      };
      return createDelegation(body, keys.keyFor(body));
    },
    onSuccess: async () => {
      await refresh();
      onDone(true);
    },
    onError: (error) =>
      form.showServerError(
        error,
        { DELEGATE_NOT_ELIGIBLE: 'delegateId' },
        error instanceof Error ? error.message : undefined,
      ),
  });
  const labels: Record<F, string> = {
    delegateId: t('staffAdmin.delegations.delegate'),
    days: t('staffAdmin.delegations.days'),
    reason: t('staffAdmin.delegations.reason'),
  };
  const days = daysOf(form.values.days);

  if (colleagues.isPending) return <Loading />;
  // A failed list of colleagues is said as such (with «try again»), never as «no colleague to choose».
  if (colleagues.isError) return <ErrorNotice error={colleagues.error} onRetry={() => void colleagues.refetch()} />;
  if (options.length === 0) {
    return (
      <Notice tone="info">
        <p>{t('staffAdmin.delegations.noColleagues')}</p>
      </Notice>
    );
  }
  return (
    <section className="subpanel stack" aria-labelledby="delegation-form-title">
      <h3 id="delegation-form-title" className="subpanel__title">
        {t('staffAdmin.delegations.new')}
      </h3>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending && form.check()) save.mutate();
        }}
      >
        <ErrorSummary id="delegation-errors" errors={form.summary(labels)} />
        {save.isError && form.summary(labels).length === 0 ? <ErrorNotice error={save.error} /> : null}
        <div className="form-grid">
          <Field
            id={form.idOf('delegateId')}
            name="delegateId"
            label={labels.delegateId}
            help={t('staffAdmin.delegations.delegateHelp')}
            error={form.errorOf('delegateId')}
            required
          >
            {(props) => (
              <select {...props} className="input" {...form.bind('delegateId')}>
                <option value="">{t('form.choose')}</option>
                {options.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FormInput
            form={form}
            name="days"
            label={labels.days}
            help={
              days >= 1 && days <= 90
                ? `${t('staffAdmin.delegations.daysHelp')} · ${t('staffAdmin.delegations.endsAt', { time: format.dateTime(endsAt(new Date())) })}`
                : t('staffAdmin.delegations.daysHelp')
            }
            required
            className="input--digits"
            inputMode="numeric"
            maxLength={3}
            autoComplete="off"
          />
          <FormInput
            form={form}
            name="reason"
            label={labels.reason}
            help={t('staffAdmin.delegations.reasonHelp')}
            required
            autoComplete="off"
          />
        </div>
        <FormActions
          pending={save.isPending}
          submitLabel={t('staffAdmin.delegations.create')}
          onCancel={() => onDone(false)}
        />
      </form>
    </section>
  );
}
