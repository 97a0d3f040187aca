import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field, focusField } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { BuildingIcon, LockIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import { fieldErrorsOf, firstInvalidField } from '../../../lib/fieldErrors';
import { oidcConfigQuery, oidcStartUrl, staffLogin } from '../api';
import { RetryAfter } from '../components/RetryAfter';
import { SignedInElsewhere } from '../components/SignedInElsewhere';
import { storeSession, useSession } from '../session';
import { SubmitButton } from '../../../components/SubmitButton';

type Credentials = { username: string; password: string };
const FIELDS = ['username', 'password'] as const;

/**
 * Refusals of the whole attempt, each with its title. The server answers a wrong password, an
 * unknown username and a wait alike for every username, and so does this page.
 */
function refusalTitle(error: unknown): 'signIn.staff.wrongTitle' | 'signIn.staff.delayedTitle' | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'INVALID_CREDENTIALS') return 'signIn.staff.wrongTitle';
  if (error.code === 'SIGN_IN_DELAYED' || error.code === 'RATE_LIMITED') return 'signIn.staff.delayedTitle';
  return undefined;
}

/**
 * `/staff/sign-in`: staff sign in with username and password, or with their organisation account
 * (OpenID Connect) when this deployment offers it. Then back to `?returnTo=` (default `/staff`).
 */
export function StaffSignInPage() {
  const { t } = useTranslation();
  const { returnTo, signin_error: oidcError } = useSearch({ strict: false });
  const target = returnTo ?? '/staff';
  const { session } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const oidc = useQuery(oidcConfigQuery);
  const [values, setValues] = useState<Credentials>({ username: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof Credentials, string>>>({});
  const [submitted, setSubmitted] = useState(false);

  const signedIn = session?.kind === 'staff';
  useEffect(() => {
    if (signedIn) void navigate({ href: target, replace: true });
  }, [navigate, signedIn, target]);

  const login = useMutation({
    mutationFn: (body: Credentials) => staffLogin(body),
    onSuccess: (next) => storeSession(queryClient, next),
    onError: (error) => {
      const fields = fieldErrorsOf(error)?.fields ?? {};
      setErrors({ username: fields.username, password: fields.password });
      const first = firstInvalidField(FIELDS, fields);
      if (first) focusField(first);
      else if (refusalTitle(error)) {
        // The password is typed again; until then the empty box is not "missing", the notice says why.
        setValues((v) => ({ ...v, password: '' }));
        setSubmitted(false);
        focusField('password');
      }
    },
  });

  const localErrors = {
    username: values.username.trim() === '' ? t('validation.usernameRequired') : undefined,
    password: values.password === '' ? t('validation.passwordRequired') : undefined,
  };
  const shown = {
    username: (submitted ? localErrors.username : undefined) ?? errors.username,
    password: (submitted ? localErrors.password : undefined) ?? errors.password,
  };
  const labels = { username: t('auth.staff.username'), password: t('auth.staff.password') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (login.isPending) return;
    const first = firstInvalidField(FIELDS, localErrors);
    if (first) {
      focusField(first);
      return;
    }
    login.mutate({ username: values.username.trim(), password: values.password });
  };

  const generalError = login.isError && !fieldErrorsOf(login.error) ? login.error : null;
  const title = refusalTitle(generalError);
  const summary = FIELDS.filter((f) => shown[f]).map((f) => ({ field: f, label: labels[f], message: shown[f]! }));

  return (
    <div className="stack-lg narrow">
      <PageHeader title={t('auth.staff.title')} lead={t('auth.staff.lead')} icon={<LockIcon />} />
      {session && session.kind !== 'staff' ? <SignedInElsewhere session={session} /> : null}
      <section className="card stack" aria-labelledby="staff-sign-in-title">
        <h2 id="staff-sign-in-title" className="card__title">
          {t('auth.staff.formTitle')}
        </h2>
        {oidcError && !login.isPending && !login.isError ? (
          <Notice tone="danger" role="alert" title={t('auth.staff.oidcFailed')}>
            <p>{t(`auth.staff.oidcErrors.${oidcError}`)}</p>
          </Notice>
        ) : null}
        <form className="stack" noValidate onSubmit={onSubmit}>
          {summary.length > 0 ? <ErrorSummary id="staff-sign-in-errors" errors={summary} /> : null}
          {generalError ? <ErrorNotice error={generalError} title={title ? t(title) : undefined} /> : null}
          {generalError ? <RetryAfter key={login.submittedAt} error={generalError} /> : null}
          <Field id="username" label={labels.username} error={shown.username} required>
            {(props) => (
              <input
                {...props}
                className="input"
                type="text"
                dir="ltr"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                value={values.username}
                onChange={(event) => {
                  setValues((v) => ({ ...v, username: event.target.value }));
                  setErrors((e) => ({ ...e, username: undefined }));
                }}
              />
            )}
          </Field>
          <Field id="password" label={labels.password} error={shown.password} required>
            {(props) => (
              <input
                {...props}
                className="input"
                type="password"
                dir="ltr"
                autoComplete="current-password"
                value={values.password}
                onChange={(event) => {
                  setValues((v) => ({ ...v, password: event.target.value }));
                  setErrors((e) => ({ ...e, password: undefined }));
                }}
              />
            )}
          </Field>
          <div className="form-actions">
            <SubmitButton pending={login.isPending}>{t('auth.staff.submit')}</SubmitButton>
          </div>
        </form>
        {oidc.data?.enabled ? (
          <div className="stack oidc">
            <p className="divider-text">{t('auth.staff.or')}</p>
            {/* A full page load: the server redirects to the organisation's identity provider. */}
            <a className="button button--secondary" href={oidcStartUrl(target)}>
              <BuildingIcon />
              {t('auth.staff.oidc')}
            </a>
          </div>
        ) : null}
      </section>
    </div>
  );
}
