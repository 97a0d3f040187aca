import { Law, LawInput, LawKind, LawUpdate, Mission, MissionInput, MissionUpdate } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IDEMPOTENT_CREATE, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import {
  createLaw,
  createMission,
  deleteMission,
  getLaw,
  listLaws,
  listMissions,
  updateLaw,
  updateMission,
} from './laws.service';

// The paths and the OpenAPI tag stay the catalogue's, where laws and missions were first published.
const tags = ['catalogue'];
const Id = z.object({ id: z.uuid() });
const staff = { access: 'staff' as const };
const pub = { access: 'public' as const };
const Paging = {
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

/** The laws register and the agencies' missions. */
export async function lawsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Laws register ----------------------------------------------------------------------------
  r.get(
    '/catalogue/laws',
    {
      config: pub,
      schema: {
        tags,
        summary: 'The laws register, by title',
        querystring: z.object({ kind: LawKind.optional(), ...Paging }),
        response: { 200: z.array(Law) },
      },
    },
    (req) => listLaws(ctx, req.query),
  );
  r.get(
    '/catalogue/laws/:id',
    {
      config: pub,
      schema: { tags, summary: 'A law or regulation with its articles', params: Id, response: { 200: Law } },
    },
    (req) => getLaw(ctx, req.params.id),
  );
  r.post(
    '/catalogue/laws',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Register a law or regulation (central reviewers, platform administrators); the approval date in Jalali',
        description: IDEMPOTENT_CREATE,
        headers: IdempotencyHeaders,
        body: LawInput,
        response: { 201: Law },
      },
    },
    async (req, reply) =>
      sendReplayable(reply, await createLaw(ctx, req.actor, req.body, req.origin, claimFrom(req, 'law.create'))),
  );
  r.put(
    '/catalogue/laws/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Replace a law at the version read (409 when stale)',
        params: Id,
        body: LawUpdate,
        response: { 200: Law },
      },
    },
    (req) => updateLaw(ctx, req.actor, req.params.id, req.body, req.origin),
  );

  // Agency missions --------------------------------------------------------------------------
  r.get(
    '/catalogue/agencies/:id/missions',
    {
      config: pub,
      schema: {
        tags,
        summary: "An agency's missions with their legal basis",
        params: Id,
        response: { 200: z.array(Mission) },
      },
    },
    (req) => listMissions(ctx, req.params.id),
  );
  r.post(
    '/catalogue/agencies/:id/missions',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Record a mission of the agency, citing law articles (agency administrators)',
        description: IDEMPOTENT_CREATE,
        params: Id,
        headers: IdempotencyHeaders,
        body: MissionInput,
        response: { 201: Mission },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await createMission(
          ctx,
          req.actor,
          req.params.id,
          req.body,
          req.origin,
          req.lang,
          claimFrom(req, `agency_mission.create:${req.params.id}`),
        ),
      ),
  );
  r.put(
    '/catalogue/missions/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Replace a mission at the version read',
        params: Id,
        body: MissionUpdate,
        response: { 200: Mission },
      },
    },
    (req) => updateMission(ctx, req.actor, req.params.id, req.body, req.origin, req.lang),
  );
  r.delete(
    '/catalogue/missions/:id',
    { config: staff, schema: { tags, summary: 'Delete a mission', params: Id, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteMission(ctx, req.actor, req.params.id, req.origin);
      return reply.status(204).send(null);
    },
  );
}
