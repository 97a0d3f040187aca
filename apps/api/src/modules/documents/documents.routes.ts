import { CreateSignerKey, DocumentVerification, SignDocument, SignedDocument, SignerKey, SignerKeyList } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { limitPerAddress } from '../../platform/rate-limit';
import { createSignerKey, mySignerKeys, signDocument, unlockSignerKey } from './signing.service';
import { documentsInboxRoutes } from './inbox.routes';
import { MAX_UPLOAD_BYTES, verifyByCode, verifyUpload } from './verify.service';

const tags = ['documents'];
const Id = z.object({ id: z.uuid() });
const staff = { access: 'staff' as const };
const pub = { access: 'public' as const };
const PDF_TYPES = ['application/pdf', 'application/octet-stream'];

/** Verifications a minute per client address (each may verify signatures: tens of milliseconds of CPU). */
export const VERIFY_PER_MINUTE = 30;

/** Signers' keys, signing with a PIN, and the public verification (issue 10). */
export async function documentsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  documentsInboxRoutes(app, ctx);

  r.post(
    '/documents/signer-keys',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Create your signing key in one of your agencies: a key pair whose certificate the development test CA issues (SIGNER_NO_ISSUER where none is configured), sealed under your PIN (never stored). SIGNER_KEY_EXISTS when you have one there; SIGNER_PIN_TOO_WEAK',
        body: CreateSignerKey,
        response: { 201: SignerKey },
      },
    },
    async (req, reply) => reply.code(201).send(await createSignerKey(ctx, req.actor, req.body, req.origin)),
  );
  r.get(
    '/documents/signer-keys',
    { config: staff, schema: { tags, summary: 'Your signing keys, with their certificates and status', response: { 200: SignerKeyList } } },
    (req) => mySignerKeys(ctx, req.actor),
  );
  r.post(
    '/documents/signer-keys/:id/unlock',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Unlock a key locked after five wrong PINs (its agency’s administrators, platform administrators); SIGNER_KEY_NOT_LOCKED otherwise',
        params: Id,
        response: { 200: SignerKey },
      },
    },
    (req) => unlockSignerKey(ctx, req.actor, req.params.id, req.origin),
  );
  r.post(
    '/documents/:id/sign',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Sign a document of your agency with your key and PIN (PAdES, timestamped): SIGNER_PIN_WRONG is counted, the fifth in a row locks the key (SIGNER_KEY_LOCKED); two signers at once sign one after the other',
        params: Id,
        body: SignDocument,
        response: { 200: SignedDocument },
      },
    },
    (req) => signDocument(ctx, req.actor, req.params.id, req.body, req.origin),
  );

  // Public verification: no sign-in, limited per address -------------------------------------------
  const limited = limitPerAddress(ctx, 'rate:document-verify', VERIFY_PER_MINUTE);
  r.get(
    '/documents/verify/:code',
    {
      config: pub,
      onRequest: limited,
      schema: {
        tags,
        summary:
          'Verify a document by the code of its QR (or typed): issuing agency, status (superseded, revoked), each signer (name, role, issuer), signing time and a verdict with its reason in Persian and English',
        params: z.object({ code: z.string().min(1).max(64) }),
        response: { 200: DocumentVerification },
      },
    },
    (req) => verifyByCode(ctx, req.params.code, req.lang),
  );
  await app.register(async (scope) => {
    scope.addContentTypeParser(PDF_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/documents/verify',
      {
        config: pub,
        onRequest: limited,
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary:
            'Verify an uploaded PDF (the body, Content-Type application/pdf, at most 10 MB): each signature over its bytes, and Dargah’s record when the PDF is one it issued. Refused: PAYLOAD_TOO_LARGE, VERIFY_PDF_MALFORMED, VERIFY_PDF_ENCRYPTED, UNSUPPORTED_MEDIA_TYPE',
          response: { 200: DocumentVerification },
        },
      },
      // An empty body is not parsed at all: it is checked as an empty file.
      (req) => verifyUpload(ctx, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.lang),
    );
  });
}
