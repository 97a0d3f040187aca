import { API_SCOPES } from '@dargah/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../components/CopyButton';
import { Dialog } from '../../../components/Dialog';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorSummary, Fieldset } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { LockIcon } from '../../../components/icons';
import type { Agency } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { useFormState } from '../../../lib/useFormState';
import { apiTokensQuery, issueApiToken, revokeApiToken, type AgencyCapabilities, type ApiToken } from '../staffApi';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DoneNotice, FormActions, FormInput, SectionHeader } from './formParts';
import { QueryStates } from '../../../components/QueryStates';

type Created = Awaited<ReturnType<typeof issueApiToken>>;

/** The agency's API tokens: issue one (its secret shown once, with a copy button) and revoke with confirmation. */
export function ApiTokensSection({ agency, capabilities }: { agency: Agency; capabilities: AgencyCapabilities }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const tokens = useQuery(apiTokensQuery(agency.id));
  const [issuing, setIssuing] = useState(false);
  const [secret, setSecret] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeApiToken(token.id),
    onSuccess: async (token) => {
      await queryClient.invalidateQueries({ queryKey: apiTokensQuery(agency.id).queryKey });
      setRevoking(null);
      setDone(t('staffAdmin.tokens.revoked', { name: token.name }));
    },
  });

  return (
    <section className="card stack" aria-labelledby="tokens-title">
      <SectionHeader
        titleId="tokens-title"
        title={t('staffAdmin.tokens.title')}
        action={
          !issuing &&
          capabilities.issueApiToken && {
            id: 'token-new',
            label: t('staffAdmin.tokens.new'),
            add: true,
            onClick: () => {
              setDone(null);
              setIssuing(true);
            },
          }
        }
      />
      <p className="text-muted">{t('staffAdmin.tokens.lead')}</p>
      <DoneNotice message={done} />
      {issuing ? (
        <TokenForm
          agencyId={agency.id}
          onDone={(created) => {
            setIssuing(false);
            setSecret(created);
            if (!created) requestAnimationFrame(() => document.getElementById('token-new')?.focus());
          }}
        />
      ) : null}
      <QueryStates
        query={tokens}
        isEmpty={(tokensData) => tokensData.length === 0}
        empty={<EmptyState icon={<LockIcon />} title={t('staffAdmin.tokens.empty')} headingLevel={3} />}
      >
        {(tokensData) => (
          <ul className="admin-list" aria-label={t('staffAdmin.tokens.title')}>
            {tokensData.map((token) => (
              <li key={token.id} className="admin-list__item">
                <p className="admin-list__title">{token.name}</p>
                <p className="admin-list__meta">
                  <span>
                    {t('staffAdmin.tokens.prefix')}: <bdi dir="ltr">{token.prefix}…</bdi>
                  </span>
                  <span>
                    {token.scopes.map((s) => t(`staffAdmin.tokens.scopeNames.${s}`, { defaultValue: s })).join('، ')}
                  </span>
                  <span>{t('staffAdmin.tokens.created', { time: format.dateTime(token.createdAt) })}</span>
                  <span>
                    {token.lastUsedAt
                      ? t('staffAdmin.tokens.lastUsed', { time: format.dateTime(token.lastUsedAt) })
                      : t('staffAdmin.tokens.neverUsed')}
                  </span>
                  {token.revokedAt ? (
                    <span className="text-danger">
                      {t('staffAdmin.tokens.revokedAt', { time: format.dateTime(token.revokedAt) })}
                    </span>
                  ) : null}
                </p>
                {token.revokedAt ? null : (
                  <div className="admin-actions">
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      aria-label={t('staffAdmin.tokens.revokeOf', { name: token.name })}
                      onClick={() => {
                        revoke.reset();
                        setRevoking(token);
                      }}
                    >
                      {t('staffAdmin.tokens.revoke')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? t('staffAdmin.tokens.revokeTitle', { name: revoking.name }) : ''}
        confirmLabel={t('staffAdmin.tokens.revokeConfirm')}
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      >
        <p>{t('staffAdmin.tokens.revokeBody')}</p>
      </ConfirmDialog>
      <Dialog
        open={secret !== null}
        onClose={() => setSecret(null)}
        title={secret ? t('staffAdmin.tokens.secretTitle', { name: secret.name }) : ''}
        footer={
          <button type="button" className="button" onClick={() => setSecret(null)}>
            {t('staffAdmin.tokens.done')}
          </button>
        }
      >
        {secret ? (
          <div className="stack">
            <p>{t('staffAdmin.tokens.secretBody')}</p>
            <code className="admin-secret" dir="ltr" data-testid="token-secret">
              {secret.secret}
            </code>
            <CopyButton text={secret.secret} label={t('staffAdmin.tokens.copy')} />
          </div>
        ) : null}
      </Dialog>
    </section>
  );
}

const FIELDS = ['name', 'scopes'] as const;

function TokenForm({ agencyId, onDone }: { agencyId: string; onDone: (created: Created | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The scopes are kept as one comma-separated value so the form state stays text.
  const form = useFormState<(typeof FIELDS)[number]>({
    order: FIELDS,
    initial: { name: '', scopes: 'catalogue:read' },
    idPrefix: 'token-',
    validate: (v) => ({
      name: [...v.name.trim()].length < 2 ? t('validation.required') : undefined,
      scopes: v.scopes === '' ? t('staffAdmin.tokens.scopesRequired') : undefined,
    }),
  });
  const chosen = form.values.scopes.split(',').filter(Boolean);
  const setScopes = (next: string[]) => form.bind('scopes').onChange({ target: { value: next.join(',') } });
  const issue = useMutation({
    mutationFn: () => issueApiToken({ agencyId, name: form.values.name.trim(), scopes: chosen }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: apiTokensQuery(agencyId).queryKey });
      onDone(created);
    },
    onError: (error) => form.showServerError(error),
  });
  const labels = { name: t('staffAdmin.tokens.name'), scopes: t('staffAdmin.tokens.scopes') };

  return (
    <section className="subpanel stack" aria-labelledby="token-form-title">
      <h3 id="token-form-title" className="subpanel__title">
        {t('staffAdmin.tokens.new')}
      </h3>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!issue.isPending && form.check()) issue.mutate();
        }}
      >
        <ErrorSummary id="token-errors" errors={form.summary(labels)} />
        {issue.isError && form.summary(labels).length === 0 ? <ErrorNotice error={issue.error} /> : null}
        <FormInput
          form={form}
          name="name"
          label={labels.name}
          help={t('staffAdmin.tokens.nameHelp')}
          required
          autoComplete="off"
        />
        <Fieldset id={form.idOf('scopes')} legend={labels.scopes} error={form.errorOf('scopes')} required>
          {(describedBy) => (
            <div className="checks">
              {API_SCOPES.map((scope, i) => (
                <label key={scope} className="check">
                  <input
                    id={i === 0 ? `${form.idOf('scopes')}-0` : undefined}
                    type="checkbox"
                    aria-describedby={describedBy}
                    checked={chosen.includes(scope)}
                    onChange={(event) =>
                      setScopes(event.target.checked ? [...chosen, scope] : chosen.filter((s) => s !== scope))
                    }
                  />
                  {t(`staffAdmin.tokens.scopeNames.${scope}`)}
                </label>
              ))}
            </div>
          )}
        </Fieldset>
        <FormActions
          pending={issue.isPending}
          submitLabel={t('staffAdmin.tokens.issue')}
          onCancel={() => onDone(null)}
        />
      </form>
    </section>
  );
}
