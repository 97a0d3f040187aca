import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { useFormat } from '../../../lib/format';
import { accountAction, sendPasswordReset, type StaffCapabilities, type StaffDetails } from '../staffApi';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DoneNotice } from './formParts';
import { useStaffRefresh } from './staffMutations';

type Asking = 'deactivate' | 'reset' | null;

/**
 * The account: active or not, locked or not. Deactivation and a password reset are confirmed
 * first; reactivation and unlocking are not (they only give back what the person had).
 */
export function StaffAccountSection({
  member,
  capabilities,
}: {
  member: StaffDetails;
  capabilities: StaffCapabilities;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useStaffRefresh(member);
  const [asking, setAsking] = useState<Asking>(null);
  const [done, setDone] = useState<string | null>(null);
  const name = member.displayName;

  const act = useMutation({
    mutationFn: (action: 'deactivate' | 'reactivate' | 'unlock') => accountAction(member.id, action),
    onSuccess: async (_, action) => {
      await refresh();
      setAsking(null);
      setDone(
        t(
          action === 'deactivate'
            ? 'staffAdmin.account.deactivated'
            : action === 'reactivate'
              ? 'staffAdmin.account.reactivated'
              : 'staffAdmin.account.unlocked',
          { name },
        ),
      );
    },
  });
  const reset = useMutation({
    mutationFn: () => sendPasswordReset(member.id),
    onSuccess: (sent) => {
      setAsking(null);
      setDone(
        t('staffAdmin.account.resetSent', {
          mobile: format.digits(sent.sentTo),
          time: format.dateTime(sent.expiresAt),
        }),
      );
    },
  });
  const open = (which: Asking) => {
    act.reset();
    reset.reset();
    setDone(null);
    setAsking(which);
  };
  const adminOnly = capabilities.edit;

  return (
    <section className="card stack" aria-labelledby="staff-account-title">
      <h2 id="staff-account-title" className="card__title">
        {t('staffAdmin.account.title')}
      </h2>
      <DoneNotice message={done} />
      {act.isError && asking === null ? <ErrorNotice error={act.error} title={t('staffAdmin.common.refused')} /> : null}
      <dl className="facts facts--grid">
        <div className="facts__row">
          <dt>{t('staffAdmin.account.status')}</dt>
          <dd>
            {member.active ? (
              t('staffAdmin.page.active')
            ) : (
              <span className="text-danger">{t('staffAdmin.page.inactive')}</span>
            )}
            {member.locked && member.lockedUntil ? (
              <>
                {' · '}
                <span className="text-danger">
                  {t('staffAdmin.page.locked', { time: format.dateTime(member.lockedUntil) })}
                </span>
              </>
            ) : null}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('staffAdmin.account.failedLogins')}</dt>
          <dd>{format.number(member.failedLogins)}</dd>
        </div>
      </dl>
      {adminOnly && !capabilities.deactivate ? <p className="text-muted">{t('staffAdmin.account.self')}</p> : null}
      {adminOnly && capabilities.deactivate && member.active && !member.mobile ? (
        <p className="text-muted">{t('staffAdmin.account.resetNeedsMobile')}</p>
      ) : null}
      <div className="admin-actions">
        {member.active && capabilities.deactivate ? (
          <button type="button" className="button button--danger" onClick={() => open('deactivate')}>
            {t('staffAdmin.account.deactivate')}
          </button>
        ) : null}
        {!member.active && capabilities.reactivate ? (
          <SubmitButton type="button" pending={act.isPending} onClick={() => act.mutate('reactivate')}>
            {t('staffAdmin.account.reactivate')}
          </SubmitButton>
        ) : null}
        {(member.locked || member.failedLogins > 0) && capabilities.unlock ? (
          <SubmitButton type="button" variant="secondary" pending={act.isPending} onClick={() => act.mutate('unlock')}>
            {t('staffAdmin.account.unlock')}
          </SubmitButton>
        ) : null}
        {capabilities.resetPassword ? (
          <button type="button" className="button button--secondary" onClick={() => open('reset')}>
            {t('staffAdmin.account.reset')}
          </button>
        ) : null}
      </div>
      <ConfirmDialog
        open={asking === 'deactivate'}
        title={t('staffAdmin.account.deactivateTitle', { name })}
        confirmLabel={t('staffAdmin.account.deactivateConfirm')}
        danger
        pending={act.isPending}
        error={act.error}
        onConfirm={() => act.mutate('deactivate')}
        onClose={() => setAsking(null)}
      >
        <p>{t('staffAdmin.account.deactivateBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'reset'}
        title={t('staffAdmin.account.resetTitle', { name })}
        confirmLabel={t('staffAdmin.account.resetConfirm')}
        pending={reset.isPending}
        error={reset.error}
        onConfirm={() => reset.mutate()}
        onClose={() => setAsking(null)}
      >
        <p>{t('staffAdmin.account.resetBody', { mobile: format.digits(member.mobile ?? '') })}</p>
      </ConfirmDialog>
    </section>
  );
}
