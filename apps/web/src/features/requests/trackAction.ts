import { ApiError, api } from '../../lib/api';
import type { PublicTracking } from '../../lib/contracts';
import type { ServerAction } from '../../lib/staticPage';
import { trackPublicly } from './api';

/*
 * The public tracking form, answered on the server (ADR 0018): `POST /track` with the tracking code
 * and the national code goes to the JSON API (`POST /requests/track`) as this visitor, so its limit
 * per address applies. The national code is never put in an address; only the code comes back in
 * the form (`?code=` prefills it, as the receipt's QR code will).
 */

export type TrackState =
  | { result: PublicTracking; trackingCode: string }
  /** Refused: not found (a wrong pair or an unknown code, alike), malformed, or too many tries. */
  | { error: ApiError; trackingCode: string };

/** Longer than any code as typed (spaces and dashes allowed). */
const MAX_FIELD = 40;

/** The CSRF token of the visitor's session when they are signed in: the API wants it on every write made with the cookie. */
async function sessionToken(): Promise<string | undefined> {
  try {
    const session = await api.get<{ csrfToken?: unknown } | undefined>('/auth/session');
    return typeof session?.csrfToken === 'string' ? session.csrfToken : undefined;
  } catch {
    return undefined;
  }
}

/** `POST /track`: look the request up. */
export const trackAction: ServerAction = async (form) => {
  const trackingCode = (form.trackingCode ?? '').slice(0, MAX_FIELD);
  const nationalCode = (form.nationalCode ?? '').slice(0, MAX_FIELD);
  try {
    const result = await trackPublicly({ trackingCode, nationalCode }, await sessionToken());
    return { state: { result, trackingCode } satisfies TrackState };
  } catch (caught) {
    if (!(caught instanceof ApiError)) throw caught;
    return { state: { error: caught, trackingCode } satisfies TrackState, status: caught.status >= 400 ? caught.status : 400 };
  }
};
