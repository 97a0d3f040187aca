import { z } from 'zod';
import { CreateSignerKey, DocumentStatus, SIGNER_KEY_ALGORITHMS } from './documents';

/*
 * Production signers (issue 10, items 3a and 3b): a key made in Dargah with a CSR for a real CA and
 * the import of its certificate, the import of a PKCS#12 file, external signing with the signer's
 * own token, and revoking a document.
 */

const Pin = CreateSignerKey.shape.pin;
/** A PEM certificate, the chain may follow (bounded: a chain of a few certificates is a few KB). */
const CertificatePem = z.string().min(1).max(64_000);
const Base64 = z.base64();

/** A key awaiting the certificate a CA issues for its CSR. */
export const SignerEnrolment = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  algorithm: z.enum(SIGNER_KEY_ALGORITHMS),
  status: z.literal('awaiting_certificate'),
  /** The CSR's subject: the signer's name (CN), national code (serialNumber), agency (O), C=IR. */
  subject: z.string(),
  csrPem: z.string(),
  createdAt: z.string(),
});
export type SignerEnrolment = z.infer<typeof SignerEnrolment>;
export const SignerEnrolmentList = z.object({ items: z.array(SignerEnrolment) });

export const ImportSignerCertificate = z.object({ certificatePem: CertificatePem }).strict();
export type ImportSignerCertificate = z.infer<typeof ImportSignerCertificate>;

export const ImportSignerPkcs12 = z
  .object({
    /** The .p12/.pfx file, base64 (at most ~96 KB of file). */
    pkcs12: Base64.max(131_072),
    /** The file's password: used once to open it, never stored. */
    password: z.string().max(256),
    /** The new signing PIN the key is sealed under. */
    pin: Pin,
    agencyId: z.uuid().optional(),
  })
  .strict();
export type ImportSignerPkcs12 = z.infer<typeof ImportSignerPkcs12>;

export const BeginExternalSigning = z.object({ certificatePem: CertificatePem }).strict();
export type BeginExternalSigning = z.infer<typeof BeginExternalSigning>;

/** What the signer's device must sign, for one short-lived session. Binary values are base64. */
export const ExternalSigningSession = z.object({
  id: z.uuid(),
  documentId: z.uuid(),
  expiresAt: z.string(),
  hashAlgorithm: z.enum(['SHA-256', 'SHA-384', 'SHA-512']),
  byteRange: z.array(z.number().int()).length(4),
  /** The digest of the bytes signed: for a device that builds its own CMS. */
  contentDigest: z.string(),
  /** DER of the signed attributes: for a device that signs raw bytes. */
  signedAttributes: z.string(),
  /** Their digest: for a device that signs a digest. */
  signedAttributesDigest: z.string(),
});
export type ExternalSigningSession = z.infer<typeof ExternalSigningSession>;

export const CompleteExternalSigning = z
  .object({
    /** A bare signature value over signedAttributes (ECDSA as DER or r‖s). */
    signature: Base64.max(4096).optional(),
    /** Or the device's own CMS SignedData (DER) over the signed bytes. */
    cms: Base64.max(65_536).optional(),
    /** The signer's certificate again, when sent: it must be the one the session began with. */
    certificatePem: CertificatePem.optional(),
  })
  .strict()
  .refine((x) => (x.signature === undefined) !== (x.cms === undefined), { message: 'send exactly one of signature and cms' });
export type CompleteExternalSigning = z.infer<typeof CompleteExternalSigning>;

export const RevokeDocument = z.object({ reason: z.string().min(1).max(1000) }).strict();
export type RevokeDocument = z.infer<typeof RevokeDocument>;

export const DocumentState = z.object({
  id: z.uuid(),
  status: DocumentStatus,
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  supersededBy: z.uuid().nullable(),
});
export type DocumentState = z.infer<typeof DocumentState>;
