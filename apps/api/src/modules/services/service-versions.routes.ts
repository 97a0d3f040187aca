import { NewServiceVersion, PublishServiceVersion, ServiceVersionList, ServiceVersionView, UpdateServiceVersion } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IDEMPOTENT_CREATE, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { createDraft, getVersion, listVersions, publishVersion, updateDraft } from './service-versions.service';

const tags = ['services'];
const Id = z.object({ id: z.uuid() });
const IdNo = z.object({ id: z.uuid(), no: z.coerce.number().int().min(1).max(100_000) });

export async function serviceVersionsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/services/:id/versions',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'A desk service’s versions, newest first, with the workflows a version may run and whether you may edit (staff of its agency, central roles)',
        params: Id,
        response: { 200: ServiceVersionList },
      },
    },
    async (req) => listVersions(ctx, req.actor, req.params.id, req.lang),
  );

  r.get(
    '/services/:id/versions/:no',
    {
      config: { access: 'staff' },
      schema: { tags, summary: 'One version of a desk service', params: IdNo, response: { 200: ServiceVersionView } },
    },
    async (req) => getVersion(ctx, req.actor, req.params.id, req.params.no),
  );

  r.post(
    '/services/:id/versions',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Draft a new version of a desk service (its agency’s administrator); parts left out are copied from the latest version. One draft at a time',
        description: `The form is checked as a form definition (every problem at once, at body.formSchema.<path>) and the workflow must be one the desk runs. ${IDEMPOTENT_CREATE}`,
        params: Id,
        headers: IdempotencyHeaders,
        body: NewServiceVersion,
        response: { 201: ServiceVersionView },
      },
    },
    async (req, reply) =>
      sendReplayable(reply, await createDraft(ctx, req.actor, req.params.id, req.body, req.origin, req.lang, claimFrom(req, `service_version.create:${req.params.id}`))),
  );

  r.put(
    '/services/:id/versions/:no',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Edit a draft version at the row version read (its agency’s administrator); a published or retired version never changes',
        params: IdNo,
        body: UpdateServiceVersion,
        response: { 200: ServiceVersionView },
      },
    },
    async (req) => updateDraft(ctx, req.actor, req.params.id, req.params.no, req.body, req.origin, req.lang),
  );

  r.post(
    '/services/:id/versions/:no/publish',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'Publish a draft version (its agency’s administrator): needs the service linked to an approved catalogue card in force that lets it be requested online; the version before is retired, and requests already submitted stay on theirs',
        params: IdNo,
        body: PublishServiceVersion,
        response: { 200: ServiceVersionView },
      },
    },
    async (req) => publishVersion(ctx, req.actor, req.params.id, req.params.no, req.body, req.origin, req.lang),
  );
}
