import { z } from 'zod';

/*
 * Documents (issue 10): signers' keys, signing with a PIN, and the public verification answer.
 */

export const SIGNER_KEY_STATUSES = ['active', 'locked', 'retired'] as const;
export const SignerKeyStatus = z.enum(SIGNER_KEY_STATUSES);
export const SIGNER_KEY_ALGORITHMS = ['rsa-2048', 'rsa-3072', 'ecdsa-p256', 'ecdsa-p384'] as const;

/** A signing PIN: 6 to 64 characters (Persian and Arabic digits count as digits). */
const Pin = z.string().min(1).max(256);

export const CreateSignerKey = z
  .object({
    pin: Pin,
    /** The agency the key signs for (default: the staff member's own). */
    agencyId: z.uuid().optional(),
    algorithm: z.enum(SIGNER_KEY_ALGORITHMS).default('ecdsa-p256'),
  })
  .strict();
export type CreateSignerKey = z.input<typeof CreateSignerKey>;

export const SignerKey = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  algorithm: z.string(),
  status: SignerKeyStatus,
  failedPinCount: z.number().int(),
  lockedAt: z.string().nullable(),
  certificate: z.object({ subject: z.string(), issuer: z.string(), serialNumber: z.string(), notBefore: z.string(), notAfter: z.string() }),
  createdAt: z.string(),
});
export type SignerKey = z.infer<typeof SignerKey>;
export const SignerKeyList = z.object({ items: z.array(SignerKey) });

export const SignDocument = z.object({ pin: Pin }).strict();
export type SignDocument = z.infer<typeof SignDocument>;

export const DOCUMENT_STATUSES = ['issued', 'superseded', 'revoked'] as const;
export const DocumentStatus = z.enum(DOCUMENT_STATUSES);

export const SignedDocument = z.object({
  id: z.uuid(),
  status: DocumentStatus,
  signatureCount: z.number().int(),
  contentSha256: z.string(),
});
export type SignedDocument = z.infer<typeof SignedDocument>;

const Reason = z.object({ fa: z.string(), en: z.string() });
const Verdict = z.object({ code: z.string(), reason: Reason });

/** What the public verification page shows: the document as Dargah recorded it, and each signature as the PDF proves it. */
export const DocumentVerification = z.object({
  verdict: Verdict,
  changedAfterLastSignature: z.boolean(),
  document: z
    .object({
      id: z.uuid(),
      verificationCode: z.string(),
      kind: z.string(),
      status: DocumentStatus,
      statusReason: Reason,
      issuedAt: z.string(),
      agency: z.object({ id: z.uuid(), name: z.string() }),
      supersededByCode: z.string().nullable(),
      revokedAt: z.string().nullable(),
      revokeReason: z.string().nullable(),
    })
    .nullable(),
  signatures: z.array(
    z.object({
      verdict: Verdict,
      signer: z.object({ name: z.string().nullable(), role: z.string().nullable(), issuer: z.string().nullable() }),
      signingTime: z.string(),
      timestamped: z.boolean(),
    }),
  ),
});
export type DocumentVerification = z.infer<typeof DocumentVerification>;
