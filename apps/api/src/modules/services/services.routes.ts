import { CatalogueLink, Page, PublicService, ServiceIdInput, SetCatalogueLink } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { getCatalogueLink, getService, listServices, setCatalogueLink } from './services.service';

const tags = ['services'];

export async function servicesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/services',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'The desk’s services: published services, optionally of one agency or delivering given catalogue service ids, a page at a time (Persian title order). Each shows its approved catalogue card’s title, whether it takes new requests (availability: open, expired, not_electronic; a service not linked to an approved card is open, with catalogueServiceId null) and how the card says it is requested and delivered',
        querystring: z.object({
          agencyId: z.uuid().optional(),
          /** Repeat for several (at most 50): the desk services delivering these catalogue service ids. */
          catalogueServiceId: z
            .union([ServiceIdInput, z.array(ServiceIdInput).max(50)])
            .transform((v) => (Array.isArray(v) ? v : [v]))
            .optional(),
          recipients: z.enum(['G2C', 'G2B', 'G2G']).optional(),
          cursor: z.string().max(1000).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: Page(PublicService) },
      },
    },
    async (req) => listServices(ctx, req.query, req.lang),
  );

  r.get(
    '/services/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A published service with its form (JSON Schema) and norm in working days',
        params: z.object({ id: z.uuid() }),
        response: { 200: PublicService },
      },
    },
    async (req) => getService(ctx, req.params.id, req.lang),
  );

  r.get(
    '/services/:id/catalogue-link',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'The approved catalogue service id a desk service delivers, with the card’s title and expiry (staff of its agency, central roles)',
        params: z.object({ id: z.uuid() }),
        response: { 200: CatalogueLink },
      },
    },
    async (req) => getCatalogueLink(ctx, req.actor, req.params.id),
  );

  r.put(
    '/services/:id/catalogue-link',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'Link a desk service to the approved catalogue service id it delivers, or clear the link with null (the agency’s administrator): the id must be approved, in force, and the agency’s or a parent agency’s for a provincial or county office',
        params: z.object({ id: z.uuid() }),
        body: SetCatalogueLink,
        response: { 200: CatalogueLink },
      },
    },
    async (req) => setCatalogueLink(ctx, req.actor, req.params.id, req.body, req.origin),
  );
}
