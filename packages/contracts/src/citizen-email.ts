import { z } from 'zod';

/**
 * An e-mail address as one line of plain ASCII text: no spaces, no control characters (a CR or LF
 * would let a sender write mail headers), one @, at most 254 characters. Kept lower-case.
 */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export const EmailAddress = z
  .string()
  .max(254)
  .refine((s) => EMAIL.test(s) && !s.includes('..') && s.split('@')[0]!.length <= 64, { params: { code: 'EMAIL_INVALID' }, message: 'EMAIL_INVALID' })
  .meta({ format: 'email', examples: ['name@example.ir'] })
  .transform((s) => s.toLowerCase());

/** `PUT /me/email`: the address a citizen wants on file; a code is sent to it. */
export const SetEmail = z.object({ email: EmailAddress }).strict();
/** `POST /me/email/verify`: the code that came to that address. */
export const VerifyEmail = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();

/** A citizen's e-mail on file (masked), and an address waiting for its code, if any. */
export const EmailOnFile = z.object({
  email: z.string().nullable(),
  verifiedAt: z.iso.datetime().nullable(),
  pending: z.object({ email: z.string(), expiresAt: z.iso.datetime(), resendAfter: z.iso.datetime() }).nullable(),
});
export type EmailOnFile = z.infer<typeof EmailOnFile>;
