import {
  CorrectDeliveryReport,
  DeliveryReport,
  DeliveryReportPage,
  DeliveryRowCapabilities,
  DiscrepancyReport,
  ResolveDeliveryRow,
  ReviewRow,
  ReviewRowPage,
  SubmitDeliveryReport,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IDEMPOTENT_CREATE, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { discrepancyCsv, discrepancyXlsx } from './reports.export';
import {
  correctReport,
  discrepancies,
  discrepancyRowsForExport,
  getReport,
  listReports,
  resolveRow,
  reviewList,
  rowCapabilities,
  submitReport,
} from './reports.service';

const tags = ['catalogue-reports'];
const staff = { access: 'staff' as const };
const Id = z.object({ id: z.uuid() });
const Paging = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};
const Offset = z.coerce.number().int().min(0).max(100_000).default(0);

/** Delivery against the catalogue: yearly delivery reports, their review and the discrepancy report. */
export async function reportsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/catalogue/reports/discrepancies',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'The discrepancy report for a period (ISO or Jalali dates; default: this Jalali year so far): services delivered without an approved id, approved services never delivered, expired services still delivered — a page of each with per-agency totals; format=csv|xlsx downloads every row (central reviewers, oversight auditors, platform administrators see all agencies; an agency administrator their own)',
        querystring: z.object({
          from: z.string().max(20).optional(),
          to: z.string().max(20).optional(),
          agencyId: z.uuid().optional(),
          province: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          withoutIdOffset: Offset,
          neverDeliveredOffset: Offset,
          expiredOffset: Offset,
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
        }),
        response: { 200: DiscrepancyReport },
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      if (format === 'json') return discrepancies(ctx, req.actor, q, req.lang);
      const { period, sections } = await discrepancyRowsForExport(ctx, req.actor, q, req.lang);
      const name = `discrepancies-${period.fromJalali.replace(/\//g, '')}-${period.toJalali.replace(/\//g, '')}`;
      reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
      reply.header('cache-control', 'no-store');
      // A Buffer is sent as it is (never through the JSON serialiser of the response schema).
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(discrepancyCsv(sections) as never);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send((await discrepancyXlsx(sections, period)) as never);
    },
  );

  r.get(
    '/catalogue/delivery-reports',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Yearly delivery reports of provincial and county offices (current ones, or every revision with history=true)',
        querystring: z.object({
          agencyId: z.uuid().optional(),
          year: z.coerce.number().int().min(1300).max(1600).optional(),
          history: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
          ...Paging,
        }),
        response: { 200: DeliveryReportPage },
      },
    },
    (req) => listReports(ctx, req.actor, req.query),
  );

  r.post(
    '/catalogue/delivery-reports',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Submit a provincial or county office’s yearly delivery report (its administrator): rows of title, count and optionally an approved service id; rows without one enter central review. One per agency and year (DELIVERY_REPORT_EXISTS)',
        description: IDEMPOTENT_CREATE,
        headers: IdempotencyHeaders,
        body: SubmitDeliveryReport,
        response: { 201: DeliveryReport },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await submitReport(ctx, req.actor, req.body, req.origin, req.lang, claimFrom(req, 'delivery_report.submit')),
      ),
  );

  r.get(
    '/catalogue/delivery-reports/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'A delivery report with its rows and their review state',
        params: Id,
        response: { 200: DeliveryReport },
      },
    },
    (req) => getReport(ctx, req.actor, req.params.id),
  );

  r.post(
    '/catalogue/delivery-reports/:id/corrections',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Correct the current delivery report: a new revision replaces it, the old one stays in the history',
        params: Id,
        body: CorrectDeliveryReport,
        response: { 201: DeliveryReport },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await correctReport(ctx, req.actor, req.params.id, req.body, req.origin, req.lang)),
  );

  r.get(
    '/catalogue/delivery-review',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'The central review list: provincial report rows without a service id (pending, card_required, or resolved)',
        querystring: z.object({
          status: z.enum(['pending', 'card_required', 'resolved']).default('pending'),
          agencyId: z.uuid().optional(),
          province: z.string().max(100).optional(),
          ...Paging,
        }),
        response: { 200: ReviewRowPage },
      },
    },
    (req) => reviewList(ctx, req.actor, req.query),
  );

  r.get(
    '/catalogue/delivery-report-rows/:id/capabilities',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Whether you may resolve the row now (central roles): a central reviewer, the row still open, and neither the report’s submitter nor a member of its agency or of an agency above it',
        params: Id,
        response: { 200: DeliveryRowCapabilities },
      },
    },
    (req) => rowCapabilities(ctx, req.actor, req.params.id),
  );

  r.post(
    '/catalogue/delivery-report-rows/:id/resolve',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Resolve a report row without an id (central reviewer): link it to an approved service id, record that the agency must register a card, or dismiss it with a reason. Separation of duties: SELF_REVIEW_FORBIDDEN for the report’s submitter, REVIEWER_CONFLICT_OF_INTEREST for a reviewer of its agency or of an agency above it',
        params: Id,
        body: ResolveDeliveryRow,
        response: { 200: ReviewRow },
      },
    },
    (req) => resolveRow(ctx, req.actor, req.params.id, req.body, req.origin),
  );
}
