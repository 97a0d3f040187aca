import { toAsciiDigits } from '@dargah/persian';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { SubmitButton } from '../../../components/SubmitButton';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { ApiError } from '../../../lib/api';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { emailQuery, preferencesQuery, requestEmail, verifyEmail, type EmailOnFile } from '../api';

/**
 * The citizen's e-mail on file (masked) and the two steps to change it: an address, to which a code
 * is sent; then the code. The address is used only after the code came back.
 */
export function EmailOnFileCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const emailId = useId();
  const codeId = useId();
  const queryClient = useQueryClient();
  const query = useQuery(emailQuery);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [addressError, setAddressError] = useState<string | undefined>();
  const [codeError, setCodeError] = useState<string | undefined>();
  const [editing, setEditing] = useState(false);
  const keys = useRef(createSubmissionKeys()).current;

  const update = async (state: EmailOnFile) => {
    queryClient.setQueryData(emailQuery.queryKey, state);
    await queryClient.invalidateQueries({ queryKey: preferencesQuery.queryKey });
  };
  const send = useMutation({
    mutationFn: (email: string) => requestEmail(email, keys.keyFor({ email })),
    onSuccess: async (state) => {
      setEditing(false);
      setCode('');
      await update(state);
    },
    onError: (error) => {
      const message = fieldErrorsOf(error)?.fields.email;
      if (message) setAddressError(message);
    },
  });
  const check = useMutation({
    mutationFn: (value: string) =>
      verifyEmail(value, keys.keyFor({ verify: value, at: query.data?.pending?.expiresAt })),
    onSuccess: async (state) => {
      setCode('');
      await update(state);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code.startsWith('EMAIL_CODE')) setCodeError(error.message);
    },
  });

  const card = (state: EmailOnFile) => {
    const showAddressForm = editing || (!state.email && !state.pending);

    return (
      <section className="card stack" aria-labelledby={titleId}>
        <h2 id={titleId} className="card__title">
          {t('notifications.email.title')}
        </h2>
        {state.email ? (
          <p>
            {t('notifications.email.onFile', { address: state.email })}
            {state.verifiedAt ? (
              <>
                {' — '}
                {t('notifications.email.verifiedAt', { date: format.date(state.verifiedAt) })}
              </>
            ) : null}
          </p>
        ) : (
          <p className="text-muted">{t('notifications.email.none')}</p>
        )}
        <div aria-live="polite">
          {check.isSuccess ? <Notice tone="success" title={t('notifications.email.verified')} /> : null}
        </div>

        {state.pending && !editing ? (
          <form
            className="stack"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const value = toAsciiDigits(code).replace(/\s/g, '');
              if (!/^\d{6}$/.test(value)) {
                setCodeError(t('notifications.email.codeInvalid'));
                document.getElementById(codeId)?.focus();
                return;
              }
              if (!check.isPending) check.mutate(value);
            }}
          >
            <Notice
              tone="info"
              title={t('notifications.email.pending', {
                address: state.pending.email,
                time: format.dateTime(state.pending.expiresAt),
              })}
            />
            <Field
              id={codeId}
              name="code"
              label={t('notifications.email.code')}
              help={t('notifications.email.codeHelp')}
              error={codeError}
              required
            >
              {(props) => (
                <input
                  {...props}
                  className="input input--code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  dir="ltr"
                  value={code}
                  onChange={(event) => {
                    setCode(event.target.value);
                    setCodeError(undefined);
                  }}
                />
              )}
            </Field>
            {check.isError && !codeError ? <ErrorNotice error={check.error} /> : null}
            <div className="form-actions">
              <SubmitButton pending={check.isPending}>{t('notifications.email.verify')}</SubmitButton>
              <button type="button" className="button button--ghost" onClick={() => setEditing(true)}>
                {t('notifications.email.change')}
              </button>
            </div>
          </form>
        ) : showAddressForm ? (
          <form
            className="stack"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const value = address.trim();
              if (!value) {
                setAddressError(t('notifications.email.addressRequired'));
                document.getElementById(emailId)?.focus();
                return;
              }
              if (!send.isPending) send.mutate(value);
            }}
          >
            <Field
              id={emailId}
              name="email"
              label={t('notifications.email.address')}
              help={t('notifications.email.addressHelp')}
              error={addressError}
              required
            >
              {(props) => (
                <input
                  {...props}
                  type="email"
                  className="input"
                  autoComplete="email"
                  dir="ltr"
                  value={address}
                  onChange={(event) => {
                    setAddress(event.target.value);
                    setAddressError(undefined);
                  }}
                />
              )}
            </Field>
            {send.isError && !addressError ? <ErrorNotice error={send.error} /> : null}
            <div className="form-actions">
              <SubmitButton pending={send.isPending}>{t('notifications.email.send')}</SubmitButton>
            </div>
          </form>
        ) : (
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              {t('notifications.email.change')}
            </button>
          </div>
        )}
      </section>
    );
  };

  return <QueryStates query={query}>{card}</QueryStates>;
}
