import { Page } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import {
  AssignBody,
  BulkBody,
  BulkResult,
  CartableQuery,
  CartableWorkRow,
  ClaimBody,
  ColleaguesView,
  LoadView,
  NoteBody,
  ReferBody,
  WorkItemView,
} from './cartable.schemas';
import { bulkChange, changeWorkItem, getWorkItem, listCartable, listColleagues, unitLoad } from './cartable.service';

const tags = ['cartable'];
const Id = z.object({ id: z.uuid() });
const AgencyQuery = z.object({ agencyId: z.uuid().optional() });

/** The cartable (کارتابل) and its work items: claim, release, assign, refer, internal notes, bulk actions, the unit's load. */
export async function cartableRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/cartable',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'The cartable: requests of the agencies where you hold a desk role, oldest first, with holder, SLA badge and the actions you may take',
        description:
          'status: one status, `open` (the default) or `all`; serviceId; sla: on_time, due_soon (due within 2 working days of the agency’s calendar) or overdue; claim: mine, unclaimed or all; q: a tracking code, the applicant’s national code (or company’s legal id) or part of a name (Persian and Arabic letters and digits accepted).',
        querystring: CartableQuery,
        response: { 200: Page(CartableWorkRow) },
      },
    },
    async (req) => listCartable(ctx, req.actor, req.query, req.lang),
  );

  r.get(
    '/requests/:id/work',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'A request’s work item (desk staff of its agency): holder, actions, internal notes and internal history; never shown to the applicant',
        params: Id,
        response: { 200: WorkItemView },
      },
    },
    async (req) => getWorkItem(ctx, req.actor, req.params.id),
  );

  const change = (path: string, op: 'claim' | 'release', summary: string) =>
    r.post(
      path,
      {
        config: { access: 'staff' },
        schema: {
          tags,
          summary,
          headers: IdempotencyHeaders,
          params: Id,
          body: ClaimBody.optional(),
          response: { 200: WorkItemView },
        },
      },
      async (req, reply) => {
        const body = req.body ?? {};
        return sendReplayable(
          reply,
          await changeWorkItem(
            ctx,
            req.actor,
            req.origin,
            req.params.id,
            { op, ...body },
            claimFrom(req, `cartable.${op}:${req.params.id}`, body),
          ),
        );
      },
    );
  change(
    '/requests/:id/claim',
    'claim',
    'Claim a request of the cartable: from now on only you work it (of concurrent claims exactly one wins; the others get 409 CARTABLE_ALREADY_CLAIMED)',
  );
  change('/requests/:id/release', 'release', 'Release a request you hold: back to every qualified colleague');

  r.post(
    '/requests/:id/assign',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Assign or reassign a request to a qualified colleague of the same agency and unit (unit manager)',
        headers: IdempotencyHeaders,
        params: Id,
        body: AssignBody,
        response: { 200: WorkItemView },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await changeWorkItem(
          ctx,
          req.actor,
          req.origin,
          req.params.id,
          { op: 'assign', ...req.body },
          claimFrom(req, `cartable.assign:${req.params.id}`),
        ),
      ),
  );
  r.post(
    '/requests/:id/refer',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'Refer a request you hold to a colleague with a note (ارجاع با یادداشت): it becomes theirs, the note joins the internal notes',
        headers: IdempotencyHeaders,
        params: Id,
        body: ReferBody,
        response: { 200: WorkItemView },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await changeWorkItem(
          ctx,
          req.actor,
          req.origin,
          req.params.id,
          { op: 'refer', ...req.body },
          claimFrom(req, `cartable.refer:${req.params.id}`),
        ),
      ),
  );

  r.post(
    '/requests/:id/internal-notes',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Add a staff-only note to a request (never shown to the applicant)',
        headers: IdempotencyHeaders,
        params: Id,
        body: NoteBody,
        response: { 201: WorkItemView },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await changeWorkItem(
          ctx,
          req.actor,
          req.origin,
          req.params.id,
          { op: 'note', body: req.body.body },
          claimFrom(req, `cartable.note:${req.params.id}`),
        ),
      ),
  );

  r.post(
    '/cartable/bulk',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'Claim several requests, or assign several to a colleague (unit manager): each on its own, with per-item results (not all-or-nothing)',
        body: BulkBody,
        response: { 200: BulkResult },
      },
    },
    async (req) => bulkChange(ctx, req.actor, req.origin, req.body, req.lang),
  );

  r.get(
    '/cartable/colleagues',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'Desk colleagues of an agency to refer a request to (and, for a unit manager, which ones may be assigned)',
        querystring: AgencyQuery,
        response: { 200: ColleaguesView },
      },
    },
    async (req) => listColleagues(ctx, req.actor, req.query),
  );

  r.get(
    '/cartable/load',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'The unit’s load (unit manager): per colleague the open requests held and how many are overdue; the unclaimed ones',
        querystring: AgencyQuery,
        response: { 200: LoadView },
      },
    },
    async (req) => unitLoad(ctx, req.actor, req.query),
  );
}
