import {
  BeginExternalSigning,
  CompleteExternalSigning,
  CreateSignerKey,
  DocumentState,
  ExternalSigningSession,
  ImportSignerCertificate,
  ImportSignerPkcs12,
  RevokeDocument,
  SignedDocument,
  SignerEnrolment,
  SignerEnrolmentList,
  SignerKey,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { beginEnrolment, importCertificate, importPkcs12Key, myEnrolment, myEnrolments } from './enrolment.service';
import { beginExternalSigning, completeExternalSigning, EXTERNAL_SESSION_MINUTES } from './external.service';
import { revokeDocumentByStaff } from './lifecycle.service';

const tags = ['documents'];
const Id = z.object({ id: z.uuid() });
const staff = { access: 'staff' as const };
const CERT_REFUSALS = 'CERTIFICATE_MALFORMED, CERTIFICATE_OTHER_PERSON (the subject’s serialNumber is not your national code), CERTIFICATE_UNTRUSTED, CERTIFICATE_WRONG_KEY_USAGE, CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID, CERTIFICATE_REVOKED';

/** Production signers (a CSR for a real CA, PKCS#12 import), external signing with the signer's token, and revoking (issue 10). */
export async function signersRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/documents/signer-enrolments',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Begin a signing key for a real CA: a key pair sealed under your PIN and its CSR (subject: your name, national code as serialNumber, agency). SIGNER_NATIONAL_CODE_MISSING, SIGNER_ENROLMENT_EXISTS, SIGNER_PIN_TOO_WEAK',
        body: CreateSignerKey,
        response: { 201: SignerEnrolment },
      },
    },
    async (req, reply) => reply.code(201).send(await beginEnrolment(ctx, req.actor, req.body, req.origin)),
  );
  r.get(
    '/documents/signer-enrolments',
    { config: staff, schema: { tags, summary: 'Your keys awaiting their certificate, with their CSRs', response: { 200: SignerEnrolmentList } } },
    (req) => myEnrolments(ctx, req.actor),
  );
  r.get(
    '/documents/signer-enrolments/:id/csr',
    { config: staff, schema: { tags, summary: 'Download the CSR of one of your keys awaiting a certificate (PEM)', params: Id, response: { 200: z.string().describe('application/pkcs10') } } },
    async (req, reply) => {
      const e = await myEnrolment(ctx, req.actor, req.params.id);
      return reply.type('application/pkcs10').header('content-disposition', `attachment; filename="dargah-signer-${e.id}.csr"`).send(e.csrPem);
    },
  );
  r.post(
    '/documents/signer-enrolments/:id/certificate',
    {
      config: staff,
      schema: {
        tags,
        summary: `Import the certificate a CA issued for that CSR (PEM; its chain may follow): the key becomes active and replaces your earlier one. SIGNER_ENROLMENT_NOT_FOUND, CERTIFICATE_KEY_MISMATCH, ${CERT_REFUSALS}, SIGNER_KEY_LOCKED`,
        params: Id,
        body: ImportSignerCertificate,
        response: { 200: SignerKey },
      },
    },
    (req) => importCertificate(ctx, req.actor, req.params.id, req.body, req.origin),
  );
  r.post(
    '/documents/signer-keys/pkcs12',
    {
      config: staff,
      schema: {
        tags,
        summary: `Import a key and certificate from a PKCS#12 file (base64) with its password (used once, never stored), sealed under a new PIN. PKCS12_MALFORMED, PKCS12_WRONG_PASSWORD, PKCS12_NO_KEY, PKCS12_NO_CERTIFICATE, PKCS12_UNSUPPORTED, ${CERT_REFUSALS}`,
        body: ImportSignerPkcs12,
        response: { 201: SignerKey },
      },
    },
    async (req, reply) => reply.code(201).send(await importPkcs12Key(ctx, req.actor, req.body, req.origin)),
  );
  r.post(
    '/documents/:id/external-signing',
    {
      config: staff,
      schema: {
        tags,
        summary: `Begin signing a document with your own token: send its certificate; get what the device signs (the digest, or the signed attributes and their digest) and a session id valid ${EXTERNAL_SESSION_MINUTES} minutes. ${CERT_REFUSALS}, DOCUMENT_NOT_SIGNABLE`,
        params: Id,
        body: BeginExternalSigning,
        response: { 201: ExternalSigningSession },
      },
    },
    async (req, reply) => reply.code(201).send(await beginExternalSigning(ctx, req.actor, req.params.id, req.body, req.origin)),
  );
  r.post(
    '/documents/:id/external-signing/:sessionId',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Complete it with the device’s signature over the signed attributes, or its CMS: checked, timestamped, embedded and recorded. EXTERNAL_SESSION_NOT_FOUND, EXTERNAL_SESSION_EXPIRED, EXTERNAL_SESSION_USED, EXTERNAL_SIGNATURE_REFUSED (with the verdict), EXTERNAL_DOCUMENT_CHANGED',
        params: z.object({ id: z.uuid(), sessionId: z.uuid() }),
        body: CompleteExternalSigning,
        response: { 200: SignedDocument },
      },
    },
    (req) => completeExternalSigning(ctx, req.actor, req.params.id, req.params.sessionId, req.body, req.origin),
  );
  r.post(
    '/documents/:id/revoke',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Revoke a document with a reason (its agency’s administrators, platform administrators); the verification then says revoked with the reason. Again: its state, unchanged. DOCUMENT_ALREADY_SUPERSEDED',
        params: Id,
        body: RevokeDocument,
        response: { 200: DocumentState },
      },
    },
    (req) => revokeDocumentByStaff(ctx, req.actor, req.params.id, req.body, req.origin),
  );
}
