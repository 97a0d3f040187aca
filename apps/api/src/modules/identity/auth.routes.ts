import {
  CitizenProfile,
  CitizenProfileUpdate,
  OtpChallenge,
  OtpRequest,
  OtpVerify,
  SessionInfo,
  StaffLogin,
} from '@dargah/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleHost } from '..';
import type { AppContext } from '../../platform/context';
import { DomainError } from '../../platform/http/errors';
import { limitPerAddress } from '../../platform/rate-limit';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.hooks';
import { actFor, dummyPasswordHash, resolveSession, sessionInfo, signOut, type NewSession, type ResolvedSession } from './auth.service';
import { requestOtp, verifyOtp } from './citizen-sign-in.service';
import { staffLogin } from './staff-sign-in.service';
import { getCitizenProfile, updateCitizenProfile } from './profile.service';

const tags = ['identity'];

function requireSession(req: FastifyRequest): ResolvedSession {
  if (!req.session) throw new DomainError('UNAUTHENTICATED');
  return req.session;
}

export async function authRoutes(app: FastifyInstance, ctx: AppContext, host: ModuleHost): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Per-address limits on sign-in requests, counted in the database (one limit however many
  // processes serve); usernames, national codes and mobiles have their own limits in the services.
  const perMinute = ctx.config.SIGN_IN_RATE_PER_MINUTE;
  // Made now, so that the first sign-in at an unknown username takes no longer than any other.
  await dummyPasswordHash();

  /** Sets the new session's cookie and answers with what the web app shows. */
  const establish = async (req: FastifyRequest, reply: FastifyReply, s: NewSession) => {
    reply.setCookie(SESSION_COOKIE, s.token, sessionCookieOptions(ctx, s.expiresAt));
    const resolved = await resolveSession(ctx, s.token);
    return sessionInfo(ctx, resolved!, host.areasOf);
  };

  r.post(
    '/auth/citizen/otp',
    { config: { access: 'public' }, onRequest: limitPerAddress(ctx, 'rate:otp-request', Math.ceil(perMinute / 2)), schema: { tags, summary: 'Send a one-time sign-in code by SMS to a citizen', body: OtpRequest, response: { 201: OtpChallenge } } },
    async (req, reply) => reply.status(201).send(await requestOtp(ctx, req.body.nationalCode, req.body.mobile, req.origin)),
  );

  r.post(
    '/auth/citizen/verify',
    { config: { access: 'public' }, onRequest: limitPerAddress(ctx, 'rate:otp-verify', perMinute), schema: { tags, summary: 'Sign a citizen in with the one-time code', body: OtpVerify, response: { 200: SessionInfo } } },
    async (req, reply) => establish(req, reply, await verifyOtp(ctx, req.body.challengeId, req.body.code, req.origin)),
  );

  r.post(
    '/auth/staff/login',
    { config: { access: 'public' }, onRequest: limitPerAddress(ctx, 'rate:staff-login', perMinute), schema: { tags, summary: 'Sign a staff member in with username and password', body: StaffLogin, response: { 200: SessionInfo } } },
    async (req, reply) => establish(req, reply, await staffLogin(ctx, req.body.username, req.body.password, req.origin)),
  );

  // The web app asks this on every first page view: nobody signed in is a normal answer (204), not
  // an error in every visitor's console. A session cookie that no longer opens a session is another
  // matter: 401 says the session has ended (once: the cookie is cleared with it). ADR 0016.
  r.get(
    '/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The signed-in person, their roles and the CSRF token; 204 when nobody is signed in',
        description: 'Answers 204 without a session cookie, and 401 UNAUTHENTICATED (clearing the cookie) when the cookie sent no longer opens a session: tampered, revoked, idle or expired.',
        response: { 200: SessionInfo, 204: z.null() },
      },
    },
    async (req, reply) => {
      if (req.session) return sessionInfo(ctx, req.session, host.areasOf);
      if (req.cookies[SESSION_COOKIE] === undefined) return reply.status(204).send(null);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(ctx));
      throw new DomainError('UNAUTHENTICATED');
    },
  );

  r.post(
    '/auth/sign-out',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Sign out this session, or every session of this person', body: z.object({ everywhere: z.boolean().default(false) }).strict().default({ everywhere: false }), response: { 200: z.object({ signedOut: z.number().int() }) } } },
    async (req, reply) => {
      const s = requireSession(req);
      const n = await signOut(ctx, s.actor, s.tokenHash, req.origin, req.body.everywhere);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(ctx));
      return { signedOut: n };
    },
  );

  r.post(
    '/auth/act-for',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Act for a represented company or a delegating principal (null: as yourself)', body: z.object({ id: z.uuid().nullable() }).strict(), response: { 200: SessionInfo } } },
    async (req) => {
      const s = requireSession(req);
      await actFor(ctx, s.actor, s.tokenHash, req.body.id, req.origin);
      return sessionInfo(ctx, (await resolveSession(ctx, req.cookies[SESSION_COOKIE]!))!, host.areasOf);
    },
  );

  r.get('/me/profile', { config: { access: 'citizen' }, schema: { tags, summary: 'The citizen profile, entered once and reused by every service', response: { 200: CitizenProfile } } }, async (req) =>
    getCitizenProfile(ctx, req.actor),
  );
  r.patch('/me/profile', { config: { access: 'citizen' }, schema: { tags, summary: 'Update the citizen profile', body: CitizenProfileUpdate, response: { 200: CitizenProfile } } }, async (req) =>
    updateCitizenProfile(ctx, req.actor, req.body, req.origin),
  );
}
