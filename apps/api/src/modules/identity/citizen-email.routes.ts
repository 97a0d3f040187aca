import { EmailOnFile, SetEmail, VerifyEmail } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { getMyEmail, requestEmailChange, verifyEmail } from './citizen-email.service';

const tags = ['identity'];

/** A citizen's e-mail on file: ask for an address (a code goes to it), then prove it with the code. */
export async function citizenEmailRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/me/email',
    { config: { access: 'citizen' }, schema: { tags, summary: 'Your e-mail on file (masked), and an address waiting for its code', response: { 200: EmailOnFile } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return getMyEmail(ctx, req.actor);
    },
  );
  r.put(
    '/me/email',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        summary: 'Ask to keep an e-mail address on file: a six-digit code is sent to it, and the address is used only once the code comes back (POST /me/email/verify)',
        headers: IdempotencyHeaders,
        body: SetEmail,
        response: { 202: EmailOnFile },
      },
    },
    async (req, reply) => sendReplayable(reply, await requestEmailChange(ctx, req.actor, req.body.email, req.origin, claimFrom(req, 'citizen.email'))),
  );
  r.post(
    '/me/email/verify',
    {
      config: { access: 'citizen' },
      schema: { tags, summary: 'Prove the e-mail address with the code sent to it; it then goes on file', headers: IdempotencyHeaders, body: VerifyEmail, response: { 200: EmailOnFile } },
    },
    // The code is not part of the replay check: its hash would be stored with the key.
    async (req, reply) => sendReplayable(reply, await verifyEmail(ctx, req.actor, req.body.code, req.origin, claimFrom(req, 'citizen.email.verify', {}))),
  );
}
