import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { LockIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { useStaticPage } from '../../../lib/staticPage';
import type { CitizenSignInState, FieldProblem, Identity } from '../citizenSignIn';
import { DevOutboxHint } from '../components/DevOutboxHint';
import { RetryAfter } from '../components/RetryAfter';
import { SignedInElsewhere } from '../components/SignedInElsewhere';
import { useSession } from '../session';

const START: CitizenSignInState = { step: 'identify', values: { nationalCode: '', mobile: '' }, fields: {} };

/**
 * `/me/sign-in`: a citizen signs in with national code and mobile number, then the six-digit code
 * sent by SMS. Rendered by the server as two plain HTML forms posted back to this address
 * (`citizenSignIn.ts` answers them; ADR 0018), so it works without JavaScript; afterwards the
 * server sends the browser back to where sign-in was asked for (`?returnTo=`).
 */
export function CitizenSignInPage() {
  const { t } = useTranslation();
  const page = useStaticPage();
  const { returnTo } = useSearch({ strict: false });
  const { session } = useSession();
  const state = (page?.formState as CitizenSignInState | undefined) ?? START;
  const form = { action: page?.url ?? '/me/sign-in', csrfToken: page?.csrfToken ?? '' };

  return (
    <div className="stack-lg narrow">
      <PageHeader title={t('auth.citizen.title')} lead={t('auth.citizen.lead')} icon={<LockIcon />} />
      {session?.kind === 'citizen' ? (
        <Notice tone="success" title={t('auth.citizen.signedIn')}>
          <p>
            <a href={returnTo ?? '/me'}>{t('auth.citizen.continue')}</a>
          </p>
        </Notice>
      ) : null}
      {session && session.kind !== 'citizen' ? <SignedInElsewhere session={session} /> : null}
      <section className="card stack" aria-labelledby="sign-in-step">
        {state.step === 'code' ? <CodeStep state={state} form={form} /> : <IdentifyStep state={state} form={form} />}
      </section>
      <DevOutboxHint />
    </div>
  );
}

type FormTarget = { action: string; csrfToken: string };

/** The words of a field's problem: a local check's key, or the server's message. */
function useProblemText() {
  const { t } = useTranslation();
  return (problem: FieldProblem | undefined) =>
    problem === undefined ? undefined : 'key' in problem ? t(problem.key) : problem.message;
}

/** The title of an answer about the whole request (not a field). */
function refusalTitle(
  error: unknown,
): 'signIn.citizen.registryUnavailableTitle' | 'signIn.citizen.tooManyTitle' | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'MOBILE_REGISTRY_UNAVAILABLE') return 'signIn.citizen.registryUnavailableTitle';
  if (error.code === 'OTP_TOO_MANY_REQUESTS' || error.code === 'RATE_LIMITED') return 'signIn.citizen.tooManyTitle';
  return undefined;
}

/** The hidden fields every form of the page posts: the form token and which step it is. */
function Hidden({ form, fields }: { form: FormTarget; fields: Record<string, string> }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={form.csrfToken} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function IdentifyStep({ state, form }: { state: Extract<CitizenSignInState, { step: 'identify' }>; form: FormTarget }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const errors = { nationalCode: text(state.fields.nationalCode), mobile: text(state.fields.mobile) };
  const labels = { nationalCode: t('auth.citizen.nationalCode'), mobile: t('auth.citizen.mobile') };
  const fieldProblems = (['nationalCode', 'mobile'] as const)
    .filter((name) => errors[name])
    .map((name) => ({ field: name, label: labels[name], message: errors[name]! }));
  const title = refusalTitle(state.error);
  // After a refused post, the first thing to read is what went wrong: focus lands on the first invalid field.
  const focus = fieldProblems[0]?.field;

  return (
    <form className="stack" method="post" action={form.action} noValidate aria-describedby="identify-lead">
      <Hidden form={form} fields={{ step: 'identify' }} />
      <h2 id="sign-in-step" className="card__title">
        {t('auth.citizen.step1')}
      </h2>
      <p id="identify-lead" className="text-muted">
        {t('auth.citizen.step1Lead')}
      </p>
      {fieldProblems.length > 0 ? <ErrorSummary id="identify-errors" errors={fieldProblems} /> : null}
      {state.error ? <ErrorNotice error={state.error} title={title ? t(title) : undefined} /> : null}
      {state.error ? <RetryAfter error={state.error} /> : null}
      <Field
        id="nationalCode"
        label={labels.nationalCode}
        help={t('auth.citizen.nationalCodeHelp')}
        error={errors.nationalCode}
        required
      >
        {(props) => (
          <input
            {...props}
            className="input input--digits"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={14}
            defaultValue={state.values.nationalCode}
            autoFocus={focus === 'nationalCode'}
          />
        )}
      </Field>
      <Field id="mobile" label={labels.mobile} help={t('auth.citizen.mobileHelp')} error={errors.mobile} required>
        {(props) => (
          <input
            {...props}
            className="input input--digits"
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            maxLength={16}
            defaultValue={state.values.mobile}
            autoFocus={focus === 'mobile'}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button">
          {t('auth.citizen.sendCode')}
        </button>
      </div>
    </form>
  );
}

function remainingAttempts(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return undefined;
  const n = (error.details as { remainingAttempts?: unknown }).remainingAttempts;
  return typeof n === 'number' ? n : undefined;
}

function CodeStep({ state, form }: { state: Extract<CitizenSignInState, { step: 'code' }>; form: FormTarget }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useProblemText();
  const { challenge, identity, error } = state;
  const now = Date.now();
  const secondsLeft = Math.max(0, (Date.parse(challenge.expiresAt) - now) / 1000);
  const resendIn = Math.max(0, (Date.parse(challenge.resendAfter) - now) / 1000);
  const expired = secondsLeft <= 0;

  const code_ = error?.code;
  const attemptsLeft = code_ === 'OTP_INVALID' ? remainingAttempts(error) : undefined;
  const needsNewCode =
    code_ === 'OTP_EXPIRED' || code_ === 'OTP_TOO_MANY_ATTEMPTS' || (code_ === 'OTP_INVALID' && attemptsLeft === 0);
  // A wrong code belongs to the code field; an expired or exhausted challenge to the whole step.
  const fieldError =
    text(state.codeProblem) ??
    (code_ === 'OTP_INVALID' && !needsNewCode && error
      ? attemptsLeft !== undefined && attemptsLeft > 0
        ? `${error.message} ${t('auth.citizen.attemptsLeft', { count: attemptsLeft, n: format.number(attemptsLeft) })}`
        : error.message
      : undefined);
  const hidden: Record<string, string> & Identity = {
    step: 'code',
    nationalCode: identity.nationalCode,
    mobile: identity.mobile,
    challengeId: challenge.challengeId,
    expiresAt: challenge.expiresAt,
    resendAfter: challenge.resendAfter,
  };

  return (
    <form className="stack" method="post" action={form.action} noValidate>
      <Hidden form={form} fields={hidden} />
      <h2 id="sign-in-step" className="card__title">
        {t('auth.citizen.step2')}
      </h2>
      <p role="status">
        {state.resent
          ? t('auth.citizen.resent')
          : t('auth.citizen.codeSent', { mobile: format.digits(identity.mobile) })}
      </p>
      {error && (needsNewCode || !fieldError) ? (
        <ErrorNotice error={error} title={needsNewCode ? t('auth.citizen.needNewCode') : undefined} />
      ) : null}
      {error && !fieldError ? <RetryAfter error={error} /> : null}
      {expired && !needsNewCode ? (
        <Notice tone="warning" role="alert" title={t('auth.citizen.expiredTitle')}>
          <p>{t('auth.citizen.expiredBody')}</p>
        </Notice>
      ) : null}
      <Field
        id="otp"
        name="code"
        label={t('auth.citizen.code')}
        help={t('auth.citizen.codeHelp')}
        error={fieldError}
        required
      >
        {(props) => (
          <input
            {...props}
            className="input input--digits input--otp"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            defaultValue=""
            autoFocus
          />
        )}
      </Field>
      <p className="text-muted otp-timer">
        {expired ? t('auth.citizen.expiredShort') : t('auth.citizen.validFor', { time: format.countdown(secondsLeft) })}
      </p>
      {/* The first submit button is the one Enter presses: verify. */}
      <div className="form-actions">
        <button type="submit" name="action" value="verify" className="button">
          {t('auth.citizen.verify')}
        </button>
        <button type="submit" name="action" value="resend" className="button button--secondary" formNoValidate>
          {t('auth.citizen.resend')}
        </button>
        <button type="submit" name="action" value="change" className="button button--ghost" formNoValidate>
          {t('auth.citizen.changeNumber')}
        </button>
      </div>
      <p className="text-muted">
        {resendIn > 0 ? t('auth.citizen.resendIn', { time: format.countdown(resendIn) }) : t('auth.citizen.resendNow')}
      </p>
    </form>
  );
}
