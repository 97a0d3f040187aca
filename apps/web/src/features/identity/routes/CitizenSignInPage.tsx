import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field, focusField } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { LockIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import type { OtpChallenge } from '../../../lib/contracts';
import { fieldErrorsOf, firstInvalidField } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { useNow } from '../../../lib/useNow';
import { requestOtp, verifyOtp } from '../api';
import { DevOutboxHint } from '../components/DevOutboxHint';
import { RetryAfter } from '../components/RetryAfter';
import { SignedInElsewhere } from '../components/SignedInElsewhere';
import { storeSession, useSession } from '../session';
import { mobileProblem, nationalCodeProblem, normaliseDigits, normaliseOtp } from '../../../lib/validation';
import { SubmitButton } from '../../../components/SubmitButton';

type Identity = { nationalCode: string; mobile: string };

/**
 * `/me/sign-in`: a citizen signs in with national code and mobile number, then the six-digit code
 * sent by SMS. Afterwards the browser goes back to where sign-in was asked for (`?returnTo=`).
 */
export function CitizenSignInPage() {
  const { t } = useTranslation();
  const { returnTo } = useSearch({ strict: false });
  const { session } = useSession();
  const navigate = useNavigate();
  const [challenge, setChallenge] = useState<{ challenge: OtpChallenge; identity: Identity } | null>(null);

  const signedIn = session?.kind === 'citizen';
  useEffect(() => {
    if (signedIn) void navigate({ href: returnTo ?? '/me', replace: true });
  }, [navigate, returnTo, signedIn]);

  return (
    <div className="stack-lg narrow">
      <PageHeader title={t('auth.citizen.title')} lead={t('auth.citizen.lead')} icon={<LockIcon />} />
      {session && session.kind !== 'citizen' ? <SignedInElsewhere session={session} /> : null}
      <section className="card stack" aria-labelledby="sign-in-step">
        {challenge ? (
          <CodeStep
            key={challenge.challenge.challengeId}
            challenge={challenge.challenge}
            identity={challenge.identity}
            onNewChallenge={(next) => setChallenge({ challenge: next, identity: challenge.identity })}
            onChangeNumber={() => setChallenge(null)}
          />
        ) : (
          <IdentifyStep onChallenge={(next, identity) => setChallenge({ challenge: next, identity })} />
        )}
      </section>
      <DevOutboxHint />
    </div>
  );
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

/** The server's answer that the mobile is not registered to the national code: it belongs at the mobile field. */
const notOwnedMessage = (error: unknown) =>
  error instanceof ApiError && error.code === 'MOBILE_NOT_OWNED' ? error.message : undefined;

function IdentifyStep({ onChallenge }: { onChallenge: (challenge: OtpChallenge, identity: Identity) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Identity>({ nationalCode: '', mobile: '' });
  const [touched, setTouched] = useState<Partial<Record<keyof Identity, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<keyof Identity, string>>>({});
  const [submitted, setSubmitted] = useState(false);

  const mutation = useMutation({
    mutationFn: (identity: Identity) => requestOtp(identity),
    onSuccess: (challenge, identity) => onChallenge(challenge, identity),
    onError: (error) => {
      const fields: Partial<Record<keyof Identity, string>> = { ...fieldErrorsOf(error)?.fields };
      fields.mobile ??= notOwnedMessage(error);
      setServerErrors({ nationalCode: fields.nationalCode, mobile: fields.mobile });
      const first = firstInvalidField(['nationalCode', 'mobile'], fields);
      if (first) focusField(first);
    },
  });

  const local = {
    nationalCode: nationalCodeProblem(values.nationalCode),
    mobile: mobileProblem(values.mobile),
  };
  const errorOf = (name: keyof Identity) => {
    const key = local[name];
    if (key && (touched[name] || submitted)) return t(key);
    return serverErrors[name];
  };
  const errors = { nationalCode: errorOf('nationalCode'), mobile: errorOf('mobile') };
  const labels = { nationalCode: t('auth.citizen.nationalCode'), mobile: t('auth.citizen.mobile') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (mutation.isPending) return;
    const first = firstInvalidField(['nationalCode', 'mobile'], local);
    if (first) {
      focusField(first);
      return;
    }
    mutation.mutate({ nationalCode: normaliseDigits(values.nationalCode), mobile: normaliseDigits(values.mobile) });
  };

  const fieldProblems = (['nationalCode', 'mobile'] as const)
    .filter((name) => errors[name])
    .map((name) => ({ field: name, label: labels[name], message: errors[name]! }));
  const hasFieldErrors = fieldProblems.length > 0 && (submitted || Object.keys(serverErrors).length > 0);
  const generalError =
    mutation.isError && !fieldErrorsOf(mutation.error) && !notOwnedMessage(mutation.error) ? mutation.error : null;
  const generalTitle = refusalTitle(generalError);

  return (
    <form className="stack" noValidate onSubmit={onSubmit} aria-describedby="identify-lead">
      <h2 id="sign-in-step" className="card__title">
        {t('auth.citizen.step1')}
      </h2>
      <p id="identify-lead" className="text-muted">
        {t('auth.citizen.step1Lead')}
      </p>
      {hasFieldErrors ? <ErrorSummary id="identify-errors" errors={fieldProblems} /> : null}
      {generalError ? <ErrorNotice error={generalError} title={generalTitle ? t(generalTitle) : undefined} /> : null}
      {generalError ? <RetryAfter key={mutation.submittedAt} error={generalError} /> : null}
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
            value={values.nationalCode}
            onChange={(event) => {
              setValues((v) => ({ ...v, nationalCode: event.target.value }));
              setServerErrors((e) => ({ ...e, nationalCode: undefined }));
            }}
            onBlur={() => setTouched((v) => ({ ...v, nationalCode: true }))}
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
            value={values.mobile}
            onChange={(event) => {
              setValues((v) => ({ ...v, mobile: event.target.value }));
              setServerErrors((e) => ({ ...e, mobile: undefined }));
            }}
            onBlur={() => setTouched((v) => ({ ...v, mobile: true }))}
          />
        )}
      </Field>
      <div className="form-actions">
        <SubmitButton pending={mutation.isPending}>{t('auth.citizen.sendCode')}</SubmitButton>
      </div>
    </form>
  );
}

function remainingAttempts(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return undefined;
  const n = (error.details as { remainingAttempts?: unknown }).remainingAttempts;
  return typeof n === 'number' ? n : undefined;
}

function CodeStep({
  challenge,
  identity,
  onNewChallenge,
  onChangeNumber,
}: {
  challenge: OtpChallenge;
  identity: Identity;
  onNewChallenge: (challenge: OtpChallenge) => void;
  onChangeNumber: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const expiresAt = Date.parse(challenge.expiresAt);
  const resendAfter = Date.parse(challenge.resendAfter);
  const now = useNow(1000);
  const secondsLeft = Math.max(0, (expiresAt - now) / 1000);
  const resendIn = Math.max(0, (resendAfter - now) / 1000);
  const expired = secondsLeft <= 0;

  useEffect(() => inputRef.current?.focus(), []);

  const verify = useMutation({
    mutationFn: (body: { challengeId: string; code: string }) => verifyOtp(body),
    onSuccess: (session) => storeSession(queryClient, session), // the page then goes back
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'OTP_INVALID') {
        setCode('');
        inputRef.current?.focus();
      }
    },
  });
  const resend = useMutation({
    mutationFn: () => requestOtp(identity),
    onSuccess: (next) => onNewChallenge(next),
  });

  const verifyError = verify.error;
  const code_ = verifyError instanceof ApiError ? verifyError.code : undefined;
  const attemptsLeft = code_ === 'OTP_INVALID' ? remainingAttempts(verifyError) : undefined;
  const needsNewCode =
    code_ === 'OTP_EXPIRED' || code_ === 'OTP_TOO_MANY_ATTEMPTS' || (code_ === 'OTP_INVALID' && attemptsLeft === 0);
  const serverFieldError = fieldErrorsOf(verifyError)?.fields.code;
  // A wrong code belongs to the code field; an expired or exhausted challenge to the whole step.
  const fieldError =
    localError ??
    serverFieldError ??
    (code_ === 'OTP_INVALID' && !needsNewCode && verifyError instanceof ApiError
      ? attemptsLeft !== undefined && attemptsLeft > 0
        ? `${verifyError.message} ${t('auth.citizen.attemptsLeft', { count: attemptsLeft, n: format.number(attemptsLeft) })}`
        : verifyError.message
      : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (verify.isPending) return;
    const normalised = normaliseOtp(code);
    if (!normalised) {
      setLocalError(t('validation.otpFormat'));
      inputRef.current?.focus();
      return;
    }
    setLocalError(undefined);
    verify.mutate({ challengeId: challenge.challengeId, code: normalised });
  };

  const resendButton = (
    <button
      type="button"
      className="button button--secondary"
      disabled={resendIn > 0 || resend.isPending}
      onClick={() => resend.mutate()}
    >
      {resend.isPending ? <span className="spinner" aria-hidden="true" /> : null}
      {t('auth.citizen.resend')}
    </button>
  );

  return (
    <form className="stack" noValidate onSubmit={onSubmit}>
      <h2 id="sign-in-step" className="card__title">
        {t('auth.citizen.step2')}
      </h2>
      <p role="status">{t('auth.citizen.codeSent', { mobile: format.digits(identity.mobile) })}</p>
      {needsNewCode || (verify.isError && !fieldError) ? (
        <ErrorNotice error={verifyError} title={needsNewCode ? t('auth.citizen.needNewCode') : undefined} />
      ) : null}
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
            ref={inputRef}
            className="input input--digits input--otp"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setLocalError(undefined);
            }}
          />
        )}
      </Field>
      <p className="text-muted otp-timer">
        {expired ? t('auth.citizen.expiredShort') : t('auth.citizen.validFor', { time: format.countdown(secondsLeft) })}
      </p>
      <div className="form-actions">
        <SubmitButton pending={verify.isPending}>{t('auth.citizen.verify')}</SubmitButton>
        {resendButton}
        <button type="button" className="button button--ghost" onClick={onChangeNumber}>
          {t('auth.citizen.changeNumber')}
        </button>
      </div>
      <p className="text-muted">
        {resendIn > 0 ? t('auth.citizen.resendIn', { time: format.countdown(resendIn) }) : t('auth.citizen.resendNow')}
      </p>
      {resend.isError ? <ErrorNotice error={resend.error} /> : null}
      {resend.isError ? <RetryAfter key={resend.submittedAt} error={resend.error} /> : null}
    </form>
  );
}
