/**
 * How a national code, a mobile number or an address is shown to anyone who should not see it in
 * full (a staff page, a message, the audit log): one style everywhere, ASCII stars in the middle,
 * enough left at the ends for the owner to recognise it, not enough to use it. Pure.
 */

const stars = (n: number) => '*'.repeat(Math.max(n, 0));

/** Keeps `head` characters in front and `tail` at the end; a value too short to keep both is all stars. */
export function maskMiddle(value: string, head: number, tail: number): string {
  return value.length <= head + tail ? stars(value.length) : `${value.slice(0, head)}${stars(value.length - head - tail)}${value.slice(-tail)}`;
}

/** `0013542419` → `001****419`. */
export const maskNationalCode = (code: string): string => maskMiddle(code, 3, 3);

/** `09121234567` → `0912***4567`. */
export const maskMobile = (mobile: string): string => maskMiddle(mobile, 4, 4);

/** `sara@example.ir` → `s***@example.ir`: the first letter and the domain. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : email ? '***' : '';
}

/** A notification's address, whichever it is: a mobile (`0912***4567`), an e-mail (`s***@example.ir`), else stars. */
export function maskAddress(address: string): string {
  if (/^09\d{9}$/.test(address)) return maskMobile(address);
  return maskEmail(address);
}
