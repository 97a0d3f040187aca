import {
  CancelLicence,
  Licence,
  LicenceInput,
  LicencePage,
  LicenceStatus,
  LicenceUpdate,
  MapLicenceService,
  PublicLicence,
  PublicLicencePage,
  UnmappedLicenceReport,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IDEMPOTENT_CREATE, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import {
  cancelLicence,
  createLicence,
  getLicence,
  getPublicLicence,
  listLicences,
  listPublicLicences,
  mapService,
  unmapService,
  unmappedCsv,
  unmappedReport,
  updateLicence,
} from './licences.service';

const tags = ['catalogue', 'licences'];
const Id = z.object({ id: z.uuid() });
const staff = { access: 'staff' as const };
const pub = { access: 'public' as const };
const Paging = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};
const YesNo = z.enum(['yes', 'no']).transform((v) => v === 'yes');

/** The licence register (درگاه ملی مجوزها): staff management, the unmapped report, and the public register. */
export async function licencesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/catalogue/licences',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Register a licence of an agency (its agency administrators, platform administrators): law articles must be registered, a cost needs its legal basis, prerequisites must exist and never close a cycle',
        description: IDEMPOTENT_CREATE,
        headers: IdempotencyHeaders,
        body: LicenceInput,
        response: { 201: Licence },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await createLicence(ctx, req.actor, req.body, req.origin, req.lang, claimFrom(req, 'licence.create')),
      ),
  );
  r.get(
    '/catalogue/licences',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Licences you may see (your agencies’; all for central reviewers and oversight auditors), by agency and title; filter by agency, mapped (yes/no), status and q (Persian-normalised words of the title or kind, or digits of the service id)',
        querystring: z.object({
          agencyId: z.uuid().optional(),
          mapped: YesNo.optional(),
          status: LicenceStatus.optional(),
          q: z.string().max(200).optional(),
          ...Paging,
        }),
        response: { 200: LicencePage },
      },
    },
    (req) => listLicences(ctx, req.actor, req.query, req.lang),
  );
  r.get(
    '/catalogue/licences/unmapped',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Report: active licences without a service id, counted per agency and listed (within what you may see); format=csv downloads every row as CSV with a UTF-8 byte-order mark',
        querystring: z.object({
          agencyId: z.uuid().optional(),
          format: z.enum(['json', 'csv']).default('json'),
          ...Paging,
        }),
        response: { 200: UnmappedLicenceReport },
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      if (format === 'csv') {
        const csv = await unmappedCsv(ctx, req.actor, q, req.lang);
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="licences-without-service-id.csv"')
            // A Buffer is sent as it is (never through the JSON serialiser of the response schema).
            .send(csv as never)
        );
      }
      return unmappedReport(ctx, req.actor, q, req.lang);
    },
  );
  r.get(
    '/catalogue/licences/:id',
    {
      config: staff,
      schema: { tags, summary: 'A licence with all its terms', params: Id, response: { 200: Licence } },
    },
    (req) => getLicence(ctx, req.actor, req.params.id, req.lang),
  );
  r.put(
    '/catalogue/licences/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Replace a licence at the version read (409 CONFLICT when stale; LICENCE_CANCELLED when cancelled)',
        params: Id,
        body: LicenceUpdate,
        response: { 200: Licence },
      },
    },
    (req) => updateLicence(ctx, req.actor, req.params.id, req.body, req.origin, req.lang),
  );
  r.post(
    '/catalogue/licences/:id/cancel',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Cancel a licence with a reason: it leaves the public register and releases its service id',
        params: Id,
        body: CancelLicence,
        response: { 200: Licence },
      },
    },
    (req) => cancelLicence(ctx, req.actor, req.params.id, req.body, req.origin, req.lang),
  );
  r.put(
    '/catalogue/licences/:id/service',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Map the licence to an approved service id of its agency or a sub-agency. Refused: LICENCE_ALREADY_MAPPED (unmap first), SERVICE_ALREADY_LICENSED (another licence holds it), SERVICE_NOT_APPROVED, VALIDATION_FAILED (not 11 digits with a valid check digit)',
        params: Id,
        body: MapLicenceService,
        response: { 200: Licence },
      },
    },
    (req) => mapService(ctx, req.actor, req.params.id, req.body, req.origin, req.lang),
  );
  r.delete(
    '/catalogue/licences/:id/service',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Remove the licence’s service id at the version read (LICENCE_NOT_MAPPED when it has none)',
        params: Id,
        querystring: z.object({ version: z.coerce.number().int().min(1) }),
        response: { 200: Licence },
      },
    },
    (req) => unmapService(ctx, req.actor, req.params.id, req.query.version, req.origin, req.lang),
  );

  // Public ---------------------------------------------------------------------------------------
  r.get(
    '/catalogue/public/licences',
    {
      config: pub,
      schema: {
        tags,
        summary:
          'The public licence register: active licences with their service id and its title; q matches Persian-normalised words of the title or kind, or digits of the service id',
        querystring: z.object({ q: z.string().max(200).optional(), agencyId: z.uuid().optional(), ...Paging }),
        response: { 200: PublicLicencePage },
      },
    },
    (req) => listPublicLicences(ctx, req.query, req.lang),
  );
  r.get(
    '/catalogue/public/licences/:id',
    {
      config: pub,
      schema: {
        tags,
        summary: 'An active licence with all its terms, prerequisites and the service it is delivered under',
        params: Id,
        response: { 200: PublicLicence },
      },
    },
    (req) => getPublicLicence(ctx, req.params.id, req.lang),
  );
}
