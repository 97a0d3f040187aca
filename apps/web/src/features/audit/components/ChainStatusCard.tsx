import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { RefreshButton } from '../../../components/RefreshButton';
import { AlertIcon, CheckIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { chainStatusQuery, verifyChain, type AuditVerificationRecord } from '../api';
import { usePartyName } from './Party';

/**
 * The audit chains for those who watch them (auditors, platform administrators): how many entries
 * and chains, the latest signed checkpoint, and the latest verification with the problems it found;
 * a button verifies every chain and checkpoint again now.
 */
export function ChainStatusCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const partyName = usePartyName();
  const headingId = useId();
  const queryClient = useQueryClient();
  const query = useQuery(chainStatusQuery);
  const verify = useMutation({
    mutationFn: verifyChain,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });

  const who = (v: AuditVerificationRecord) =>
    v.requestedBy.type === 'system' ? t('audit.chain.byOperations') : partyName(v.requestedBy);

  let body: React.ReactNode;
  if (query.isPending) body = <Loading label={t('audit.chain.loading')} />;
  else if (query.isError) body = <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  else {
    const { length, chains, latestCheckpoint, lastVerification: last } = query.data;
    body = (
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('audit.chain.length')}</dt>
          <dd>{format.number(length)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('audit.chain.chains')}</dt>
          <dd>{format.number(chains)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('audit.chain.checkpoint')}</dt>
          <dd>
            {latestCheckpoint === null ? (
              <span className="text-muted">{t('audit.chain.checkpointNone')}</span>
            ) : (
              t('audit.chain.checkpointAt', {
                n: format.number(latestCheckpoint.n),
                time: format.dateTime(latestCheckpoint.createdAt),
              })
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('audit.chain.lastVerification')}</dt>
          <dd>
            {last === null ? (
              <span className="text-muted">{t('audit.chain.never')}</span>
            ) : (
              <>
                <span className={`badge ${last.ok ? 'badge--success' : 'badge--danger'}`}>
                  {last.ok ? <CheckIcon /> : <AlertIcon />}
                  {last.ok
                    ? t('audit.chain.intact', {
                        n: format.number(last.entries),
                        chains: format.number(last.chains),
                        checkpoints: format.number(last.checkpoints),
                      })
                    : t('audit.chain.broken', { n: format.number(last.problems.length) })}
                </span>
                {last.problems.length > 0 ? (
                  <ul className="facts__help">
                    {last.problems.slice(0, 5).map((p, i) => (
                      <li key={i}>
                        {t(`audit.chain.reason.${p.reason}`, { defaultValue: p.message })}{' '}
                        {p.chain !== undefined && p.seq !== undefined ? (
                          <bdi>({t('audit.chain.problemAt', { chain: p.chain, seq: format.digits(p.seq) })})</bdi>
                        ) : p.checkpoint !== undefined ? (
                          <bdi>({t('audit.chain.problemCheckpoint', { n: format.digits(p.checkpoint) })})</bdi>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <span className="facts__help">
                  {t('audit.chain.by', { time: format.dateTime(last.finishedAt), who: who(last) })}
                </span>
              </>
            )}
          </dd>
        </div>
      </dl>
    );
  }

  return (
    <section className="card stack" aria-labelledby={headingId} aria-busy={query.isFetching || verify.isPending}>
      <div className="card__header">
        <h2 id={headingId} className="card__title">
          {t('audit.chain.title')}
        </h2>
        <RefreshButton busy={verify.isPending} onClick={() => verify.mutate()} variant="secondary">
          {t('audit.chain.verify')}
        </RefreshButton>
      </div>
      <p role="status" className="text-muted">
        {verify.isPending ? t('audit.chain.verifying') : verify.isSuccess ? t('audit.chain.verified') : ''}
      </p>
      {verify.isError ? <ErrorNotice error={verify.error} /> : null}
      {body}
    </section>
  );
}
