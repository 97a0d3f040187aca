import {
  ArchitectureGaps,
  CategoryInput,
  CategoryUpdate,
  MarkCapabilities,
  MarkInput,
  MarkKind,
  MarkResolve,
  MarkStatus,
  ServiceArchitecture,
  ServiceCategory,
  ServiceMark,
  ServiceMarkPage,
  TaxonomyAdmin,
  TaxonomyTerm,
  TaxonomyTermInput,
  TaxonomyTermUpdate,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IDEMPOTENT_CREATE, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import {
  architectureGaps,
  createCategory,
  createMark,
  createTerm,
  deleteCategory,
  deleteTerm,
  getArchitecture,
  getTaxonomyAdmin,
  listMarks,
  markCapabilities,
  resolveMark,
  updateCategory,
  updateTerm,
} from './architecture.service';

const tags = ['catalogue'];
const Id = z.object({ id: z.uuid() });
const Version = z.object({ version: z.coerce.number().int().min(1) });
const staff = { access: 'staff' as const };
const pub = { access: 'public' as const };

/**
 * The service architecture: the taxonomy (public read; central reviewers edit it), the central
 * reviewers' marks on approved services, and the gaps per macro domain.
 */
export async function architectureRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/catalogue/architecture',
    {
      config: pub,
      schema: {
        tags,
        summary:
          'The service architecture: macro domains with their categories, and service layers (title in Persian, titleEn in English), in their order',
        response: { 200: ServiceArchitecture },
      },
    },
    () => getArchitecture(ctx),
  );
  r.get(
    '/catalogue/architecture/terms',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'The taxonomy for editing, with descriptions, order and versions (central reviewers, oversight auditors)',
        response: { 200: TaxonomyAdmin },
      },
    },
    (req) => getTaxonomyAdmin(ctx, req.actor),
  );
  r.get(
    '/catalogue/architecture/gaps',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Per macro domain: approved services per category, the categories with none (gaps) and open marks; approved services without a category, per agency (central reviewers, oversight auditors)',
        response: { 200: ArchitectureGaps },
      },
    },
    (req) => architectureGaps(ctx, req.actor),
  );

  // Domains and layers share their shape and rules.
  for (const [path, table, what] of [
    ['domains', 'service_domains', 'a macro domain (کلان‌حوزه)'],
    ['layers', 'service_layers', 'a service layer'],
  ] as const) {
    r.post(
      `/catalogue/architecture/${path}`,
      {
        config: staff,
        schema: {
          tags,
          summary: `Add ${what} (central reviewers); TAXONOMY_CODE_TAKEN when the code is in use`,
          description: IDEMPOTENT_CREATE,
          headers: IdempotencyHeaders,
          body: TaxonomyTermInput,
          response: { 201: TaxonomyTerm },
        },
      },
      async (req, reply) =>
        sendReplayable(
          reply,
          await createTerm(ctx, req.actor, table, req.body, req.origin, claimFrom(req, `${table}.create`)),
        ),
    );
    r.put(
      `/catalogue/architecture/${path}/:id`,
      {
        config: staff,
        schema: {
          tags,
          summary: `Edit ${what} at the version read (409 CONFLICT when stale)`,
          params: Id,
          body: TaxonomyTermUpdate,
          response: { 200: TaxonomyTerm },
        },
      },
      (req) => updateTerm(ctx, req.actor, table, req.params.id, req.body, req.origin),
    );
    r.delete(
      `/catalogue/architecture/${path}/:id`,
      {
        config: staff,
        schema: {
          tags,
          summary: `Delete ${what} at the version read; refused (${table === 'service_domains' ? 'DOMAIN_IN_USE' : 'LAYER_IN_USE'}) while a service card is classified under it`,
          params: Id,
          querystring: Version,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteTerm(ctx, req.actor, table, req.params.id, req.query.version, req.origin);
        return reply.status(204).send(null);
      },
    );
  }

  r.post(
    '/catalogue/architecture/categories',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Add a category to a macro domain (central reviewers); the code is unique within the domain',
        description: IDEMPOTENT_CREATE,
        headers: IdempotencyHeaders,
        body: CategoryInput,
        response: { 201: ServiceCategory },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await createCategory(ctx, req.actor, req.body, req.origin, claimFrom(req, 'service_categories.create')),
      ),
  );
  r.put(
    '/catalogue/architecture/categories/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Edit a category at the version read (409 CONFLICT when stale); a new domainId moves it',
        params: Id,
        body: CategoryUpdate,
        response: { 200: ServiceCategory },
      },
    },
    (req) => updateCategory(ctx, req.actor, req.params.id, req.body, req.origin),
  );
  r.delete(
    '/catalogue/architecture/categories/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Delete a category at the version read; refused (CATEGORY_IN_USE) while a service card names it',
        params: Id,
        querystring: Version,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteCategory(ctx, req.actor, req.params.id, req.query.version, req.origin);
      return reply.status(204).send(null);
    },
  );

  // Marks ------------------------------------------------------------------------------------
  r.get(
    '/catalogue/marks',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Marks on approved services, newest first, with the service and the related one (central reviewers, oversight auditors)',
        querystring: z.object({
          status: MarkStatus.optional(),
          kind: MarkKind.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: ServiceMarkPage },
      },
    },
    (req) => listMarks(ctx, req.actor, req.query),
  );
  r.post(
    '/catalogue/marks',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Mark an approved service as duplicate, removable or to be merged (central reviewers); duplicate and merge name another approved service; one open mark of a kind per service (MARK_ALREADY_OPEN); REVIEWER_CONFLICT_OF_INTEREST when a service named belongs to your agency or one below it',
        description: IDEMPOTENT_CREATE,
        headers: IdempotencyHeaders,
        body: MarkInput,
        response: { 201: ServiceMark },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await createMark(ctx, req.actor, req.body, req.origin, claimFrom(req, 'service_mark.create')),
      ),
  );
  r.get(
    '/catalogue/marks/:id/capabilities',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Whether you may resolve the mark now (central reviewers, oversight auditors may ask): an open mark, not made by you, of a service of neither your agency nor one above it',
        params: Id,
        response: { 200: MarkCapabilities },
      },
    },
    (req) => markCapabilities(ctx, req.actor, req.params.id),
  );
  r.post(
    '/catalogue/marks/:id/resolve',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Resolve an open mark with a note, at the version read (central reviewers). Separation of duties: SELF_REVIEW_FORBIDDEN for whoever made the mark, REVIEWER_CONFLICT_OF_INTEREST for a reviewer of the service’s agency or of an agency above it',
        params: Id,
        body: MarkResolve,
        response: { 200: ServiceMark },
      },
    },
    (req) => resolveMark(ctx, req.actor, req.params.id, req.body, req.origin),
  );
}
