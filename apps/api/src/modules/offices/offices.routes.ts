import { Office, OfficeInput, OfficeKind, OfficePage, OfficeUpdate } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { limitPerAddress } from '../../platform/rate-limit';
import { createOffice, delegateService, getOffice, linkOperator, listOffices, unlinkOperator, updateOffice, withdrawService } from './offices.service';

const tags = ['offices'];
const Id = z.object({ id: z.uuid() });
const Delegation = z.object({ id: z.uuid(), serviceId: z.uuid() });
const OperatorLink = z.object({ id: z.uuid(), staffId: z.uuid() });
const Operators = z.object({ officeId: z.uuid(), operators: z.array(z.uuid()) });
const staff = { access: 'staff' as const };
const pub = { access: 'public' as const };

/** The directory of counter and post offices (پیشخوان، پست) and the services delegated to each. */
export async function officesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limited = limitPerAddress(ctx, 'rate:offices', ctx.config.SEARCH_RATE_PER_MINUTE);

  r.get(
    '/offices',
    {
      config: pub,
      onRequest: limited,
      schema: {
        tags,
        summary: 'The public directory of counter and post offices, by province, kind and name, each with the services delegated to it; filter by province, kind or a desk service',
        querystring: z.object({
          province: z.string().max(100).optional(),
          kind: OfficeKind.optional(),
          serviceId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: OfficePage },
      },
    },
    (req) => listOffices(ctx, req.query, req.lang),
  );
  r.get(
    '/offices/:id',
    { config: pub, onRequest: limited, schema: { tags, summary: 'An office with its services (a closed one says so: active false)', params: Id, response: { 200: Office } } },
    (req) => getOffice(ctx, req.params.id, req.lang),
  );
  r.post(
    '/offices',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Register a counter or post office (central organisation); OFFICE_CODE_TAKEN when one of its kind has the number',
        headers: IdempotencyHeaders,
        body: OfficeInput,
        response: { 201: Office },
      },
    },
    async (req, reply) => sendReplayable(reply, await createOffice(ctx, req.actor, req.origin, req.body, req.lang, claimFrom(req, 'office.create'))),
  );
  r.put(
    '/offices/:id',
    {
      config: staff,
      schema: { tags, summary: "Change an office's details or close it (central organisation), at the version read (409 CONFLICT when stale)", params: Id, body: OfficeUpdate, response: { 200: Office } },
    },
    (req) => updateOffice(ctx, req.actor, req.origin, req.params.id, req.body, req.lang),
  );
  r.put(
    '/offices/:id/services/:serviceId',
    {
      config: staff,
      schema: { tags, summary: "Delegate one of your agency's published desk services to an active office (agency administrators); again: no change", params: Delegation, response: { 200: Office } },
    },
    (req) => delegateService(ctx, req.actor, req.origin, req.params.id, req.params.serviceId, req.lang),
  );
  r.delete(
    '/offices/:id/services/:serviceId',
    {
      config: staff,
      schema: { tags, summary: "Withdraw one of your agency's services from an office (agency administrators); again: no change", params: Delegation, response: { 200: Office } },
    },
    (req) => withdrawService(ctx, req.actor, req.origin, req.params.id, req.params.serviceId, req.lang),
  );
  r.put(
    '/offices/:id/operators/:staffId',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Link a counter operator (holding the counter_operator role) to an active counter office (central organisation); one office each, again: no change',
        params: OperatorLink,
        response: { 200: Operators },
      },
    },
    (req) => linkOperator(ctx, req.actor, req.origin, req.params.id, req.params.staffId),
  );
  r.delete(
    '/offices/:id/operators/:staffId',
    { config: staff, schema: { tags, summary: "Unlink a counter operator from an office (central organisation); again: no change", params: OperatorLink, response: { 200: Operators } } },
    (req) => unlinkOperator(ctx, req.actor, req.origin, req.params.id, req.params.staffId),
  );
}
