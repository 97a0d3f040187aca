import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { RefreshButton } from '../../../components/RefreshButton';
import { AlertIcon, CheckIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { chainStatusQuery, verifyChain, type AuditVerificationRecord } from '../api';
import { usePartyName } from './Party';

/**
 * The audit chain for those who watch it (auditors, platform administrators): how long it is, its
 * head, and the latest walk of it with its outcome; a button walks it again now.
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
    const { length, headHash, lastVerification: last } = query.data;
    body = (
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('audit.chain.length')}</dt>
          <dd>{format.number(length)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('audit.chain.head')}</dt>
          <dd>
            <code dir="ltr" className="hash">
              {headHash}
            </code>
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
                    ? t('audit.chain.intact', { n: format.number(last.entries) })
                    : t('audit.chain.broken', { seq: format.digits(last.brokenAt ?? 0) })}
                </span>
                {last.reason ? <span className="facts__help">{t(`audit.chain.reason.${last.reason}`)}</span> : null}
                {!last.ok && last.brokenAt ? (
                  <span className="facts__help">
                    <Link to="/staff/audit/$seq" params={{ seq: String(last.brokenAt) }}>
                      {t('audit.chain.openBroken', { seq: format.digits(last.brokenAt) })}
                    </Link>
                  </span>
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
