import { ApiError } from '../../lib/api';
import type { OtpChallenge } from '../../lib/contracts';
import { fieldErrorsOf } from '../../lib/fieldErrors';
import { safeReturnTo } from '../../lib/returnTo';
import type { ActionResult, ServerAction, ServerRedirect } from '../../lib/staticPage';
import { mobileProblem, nationalCodeProblem, normaliseDigits, normaliseOtp } from '../../lib/validation';
import { fetchSession, requestOtp, verifyOtp } from './api';

/*
 * The citizen sign-in as HTML forms posted to the server (ADR 0018): `citizenSignInAction` runs on
 * the server for `POST /me/sign-in`, calls the same JSON API the single-page app used (rate limits,
 * the Shahkar check, OTP attempts and the session cookie are the API's), and hands the page what to
 * show. Messages are kept as i18n keys or the API's own (already localised) errors, and put into
 * words when the page renders.
 */

export type Identity = { nationalCode: string; mobile: string };
type LocalKey = NonNullable<ReturnType<typeof nationalCodeProblem> | ReturnType<typeof mobileProblem>>;
/** A field's problem: a local check's i18n key, or the server's message. */
export type FieldProblem = { key: LocalKey | 'validation.otpFormat' } | { message: string };

export type CitizenSignInState =
  | {
      step: 'identify';
      values: Identity;
      fields: Partial<Record<keyof Identity, FieldProblem>>;
      /** A refusal of the whole request (rate limit, registry down). */
      error?: ApiError;
    }
  | {
      step: 'code';
      identity: Identity;
      challenge: OtpChallenge;
      codeProblem?: FieldProblem;
      /** A refusal about the code (wrong, expired, exhausted) or the resend. */
      error?: ApiError;
      /** The code was sent again just now. */
      resent?: boolean;
    };

/** Longest value of a field the forms take; anything longer is not a national code, mobile or code. */
const MAX_FIELD = 64;
const field = (form: Readonly<Record<string, string>>, name: string) => (form[name] ?? '').slice(0, MAX_FIELD);

/** The challenge the code step's form carries back (hidden fields), or undefined if malformed. */
function challengeOf(form: Readonly<Record<string, string>>): OtpChallenge | undefined {
  const challengeId = field(form, 'challengeId');
  const expiresAt = field(form, 'expiresAt');
  const resendAfter = field(form, 'resendAfter');
  const iso = (value: string) => /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value) && !Number.isNaN(Date.parse(value));
  if (!/^[\w-]{1,64}$/.test(challengeId) || !iso(expiresAt) || !iso(resendAfter)) return undefined;
  return { challengeId, expiresAt, resendAfter };
}

const apiError = (error: unknown): ApiError => {
  if (error instanceof ApiError) return error;
  throw error;
};

async function identify(identity: Identity): Promise<ActionResult> {
  const fields: Partial<Record<keyof Identity, FieldProblem>> = {};
  const nationalCode = nationalCodeProblem(identity.nationalCode);
  const mobile = mobileProblem(identity.mobile);
  if (nationalCode) fields.nationalCode = { key: nationalCode };
  if (mobile) fields.mobile = { key: mobile };
  if (nationalCode || mobile) return { state: { step: 'identify', values: identity, fields }, status: 400 };
  try {
    const challenge = await requestOtp({
      nationalCode: normaliseDigits(identity.nationalCode),
      mobile: normaliseDigits(identity.mobile),
    });
    return { state: { step: 'code', identity, challenge } satisfies CitizenSignInState };
  } catch (caught) {
    const error = apiError(caught);
    const server = fieldErrorsOf(error)?.fields ?? {};
    if (server.nationalCode) fields.nationalCode = { message: server.nationalCode };
    if (server.mobile) fields.mobile = { message: server.mobile };
    // The mobile is not registered to the national code: that is the mobile field's problem.
    if (error.code === 'MOBILE_NOT_OWNED') fields.mobile = { message: error.message };
    const state: CitizenSignInState = {
      step: 'identify',
      values: identity,
      fields,
      ...(fields.nationalCode || fields.mobile ? {} : { error }),
    };
    return { state, status: error.status >= 400 ? error.status : 400 };
  }
}

/** `POST /me/sign-in`: the identify step (`step=identify`), or the code step's verify, resend or change. */
export const citizenSignInAction: ServerAction = async (form, search) => {
  const identity = { nationalCode: field(form, 'nationalCode'), mobile: field(form, 'mobile') };
  if (form.step !== 'code') return identify(identity);
  if (form.action === 'change') return { state: { step: 'identify', values: identity, fields: {} } };
  const challenge = challengeOf(form);
  if (!challenge) return identify(identity);
  if (form.action === 'resend') {
    const again = await identify(identity);
    const next = 'state' in again ? (again.state as CitizenSignInState) : undefined;
    if (next?.step === 'code') return { state: { ...next, resent: true } };
    // Refused (too soon, too many): stay at the code step, with the refusal.
    const error = next?.step === 'identify' ? next.error : undefined;
    return {
      state: { step: 'code', identity, challenge, ...(error ? { error } : {}) },
      status: 'status' in again ? again.status : 400,
    };
  }
  const code = normaliseOtp(field(form, 'code'));
  if (!code) {
    return { state: { step: 'code', identity, challenge, codeProblem: { key: 'validation.otpFormat' } }, status: 400 };
  }
  try {
    await verifyOtp({ challengeId: challenge.challengeId, code });
  } catch (caught) {
    const error = apiError(caught);
    const fieldMessage = fieldErrorsOf(error)?.fields.code;
    const state: CitizenSignInState = {
      step: 'code',
      identity,
      challenge,
      ...(fieldMessage ? { codeProblem: { message: fieldMessage } } : { error }),
    };
    return { state, status: error.status >= 400 ? error.status : 400 };
  }
  // Signed in: the session cookie the API set goes with this answer; back to where sign-in was asked.
  return { redirect: safeReturnTo(search.returnTo) ?? '/me' };
};

/**
 * `GET /me/sign-in` of a citizen already signed in: straight on (303) to where sign-in was asked
 * for, or their home; a visitor or a staff member gets the page.
 */
export const signedInCitizenGoesOn: ServerRedirect = async (search) => {
  const session = await fetchSession();
  return session?.kind === 'citizen' ? (safeReturnTo(search.returnTo) ?? '/me') : undefined;
};
