import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { UserText } from '../../../components/UserText';
import { LockIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Fact } from '../components/Fact';
import { NewPinForm } from '../components/NewPin';
import { KeyEnrolment } from './KeyEnrolment';
import { areasOf, useSession } from '../../identity';
import { createKey, lockedKeysQuery, myKeysQuery, unlockKey, type LockedSignerKey, type SignerKey } from '../api';

/**
 * `/staff/documents/keys`: my signing keys (certificate holder, issuer, validity, status, wrong PINs)
 * and making one (a PIN typed twice; too short refused here and by the server). Administrators of
 * an agency also see its locked keys, and unlock them after confirming. A key for a real CA (a CSR,
 * then its certificate) or from a PKCS#12 file: KeyEnrolment.tsx.
 */
export function SigningKeysPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const query = useQuery(myKeysQuery);
  const admin = areasOf(session).signerKeyUnlock;
  const [created, setCreated] = useState(false);
  return (
    <div className="stack-lg">
      <PageHeader title={t('documents.keys.title')} lead={t('documents.keys.lead')} icon={<LockIcon />} />
      {created ? <Notice tone="success" role="status" title={t('documents.keys.created')} /> : null}
      {query.isPending ? <Loading label={t('documents.keys.loading')} /> : null}
      {query.isError ? (
        <ErrorNotice error={query.error} title={t('documents.keys.failed')} onRetry={() => void query.refetch()} />
      ) : null}
      {query.data ? (
        query.data.items.length === 0 ? (
          <CreateKey onCreated={() => setCreated(true)} />
        ) : (
          <ul className="stack key-list">
            {query.data.items.map((k) => (
              <li key={k.id} className="card">
                <KeyFacts k={k} />
              </li>
            ))}
          </ul>
        )
      ) : null}
      <KeyEnrolment hasActiveKey={query.data?.items.some((k) => k.status === 'active') ?? false} />
      {admin ? <LockedKeys /> : null}
    </div>
  );
}

const cn = (dn: string) => /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1]?.trim() ?? dn;

function KeyFacts({ k, owner }: { k: SignerKey; owner?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts" data-key-status={k.status}>
      {owner ? (
        <Fact label={t('documents.keys.owner')}>
          <UserText>{owner}</UserText>
        </Fact>
      ) : null}
      <Fact label={t('documents.keys.subject')}>
        <UserText>{cn(k.certificate.subject)}</UserText>
      </Fact>
      <Fact label={t('documents.keys.issuer')}>
        <bdi dir="ltr">{cn(k.certificate.issuer)}</bdi>
      </Fact>
      <Fact label={t('documents.keys.validity')}>
        {t('documents.keys.validFromTo', {
          from: format.date(k.certificate.notBefore),
          to: format.date(k.certificate.notAfter),
        })}
      </Fact>
      <Fact label={t('documents.keys.algorithm')} dir="ltr">
        {k.algorithm}
      </Fact>
      <Fact label={t('documents.keys.status')}>
        {t(`documents.keys.statuses.${k.status}`)}
        {k.lockedAt ? ` — ${t('documents.keys.lockedAt', { date: format.dateTime(k.lockedAt) })}` : ''}
      </Fact>
      <Fact label={t('documents.keys.wrongPins')}>{format.number(k.failedPinCount)}</Fact>
    </dl>
  );
}

function CreateKey({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (value: string) => createKey(value),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: myKeysQuery.queryKey });
      onCreated();
    },
  });
  return (
    <section className="card stack" aria-labelledby="create-key">
      <h2 id="create-key" className="card__title">
        {t('documents.keys.create')}
      </h2>
      <p>
        {t('documents.keys.empty')}. {t('documents.keys.createLead')}
      </p>
      {mutation.error ? <ErrorNotice error={mutation.error} /> : null}
      <NewPinForm id="key-pin" submit={t('documents.keys.create')} pending={mutation.isPending} onPin={(pin) => mutation.mutate(pin)} />
    </section>
  );
}

function LockedKeys() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(lockedKeysQuery);
  const [asking, setAsking] = useState<LockedSignerKey | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (k: LockedSignerKey) => unlockKey(k.id),
    onSuccess: async (_saved, k) => {
      setAsking(null);
      setDone(k.staff.name);
      await queryClient.invalidateQueries({ queryKey: lockedKeysQuery.queryKey });
    },
  });
  return (
    <section className="card stack" aria-labelledby="locked-keys">
      <h2 id="locked-keys" className="card__title">
        {t('documents.keys.locked')}
      </h2>
      <p className="text-muted">{t('documents.keys.lockedLead')}</p>
      {done ? <Notice tone="success" role="status" title={t('documents.keys.unlocked', { name: done })} /> : null}
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorNotice error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data?.items.length === 0 ? <p>{t('documents.keys.lockedEmpty')}</p> : null}
      {query.data && query.data.items.length > 0 ? (
        <ul className="stack">
          {query.data.items.map((k) => (
            <li key={k.id} className="stack">
              <KeyFacts k={k} owner={k.staff.name} />
              <div className="form-actions">
                <button type="button" className="button button--secondary" onClick={() => setAsking(k)}>
                  {t('documents.keys.unlock')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        onClose={() => setAsking(null)}
        title={t('documents.keys.unlock')}
        confirmLabel={t('documents.keys.unlock')}
        pending={mutation.isPending}
        error={mutation.error}
        onConfirm={() => asking && mutation.mutate(asking)}
      >
        <p>{asking ? t('documents.keys.unlockConfirm', { name: asking.staff.name }) : null}</p>
      </ConfirmDialog>
    </section>
  );
}
