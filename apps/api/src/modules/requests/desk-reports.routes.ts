import { DeskOfficeKind, DeskReport, DeskReportGroup, DeskReportOptions } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { sendTableFile } from '../../platform/http/table-reply';
import { deskReportCsv, deskReportFileName, deskReportXlsx } from './desk-reports.export';
import { deskReport, deskReportOptions } from './desk-reports.service';

const tags = ['requests'];

/** The desk reports: JSON for the screen, CSV and XLSX for spreadsheets (the same figures). */
export async function deskReportsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/desk-reports',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'The desk report of one Jalali year: requests accepted, answered, pending and overdue, and the time from acceptance to answer (mean, 50th and 90th percentile, working and calendar days), grouped by month, quarter, year, service, office or office kind; format=csv|xlsx downloads it (unit managers and agency administrators see their agencies, central roles every agency)',
        description:
          'year: a Jalali year from 1390 to the current one (default: the current one; DESK_REPORT_YEAR_OUT_OF_RANGE otherwise). agencyId: one agency the viewer may see (DESK_REPORT_AGENCY_NOT_ALLOWED otherwise); province: the agencies of a province within the viewer’s. unitId (one office) and officeKind (headquarters, operational, unassigned) cannot be combined (DESK_REPORT_FILTERS_CONFLICT). Accepted, pending and overdue count requests submitted in each period (pending and overdue: still open now); answered, late and the durations count requests decided in it.',
        querystring: z.object({
          year: z.coerce.number().int().min(1300).max(1600).optional(),
          groupBy: DeskReportGroup.default('month'),
          agencyId: z.uuid().optional(),
          province: z.string().trim().min(1).max(100).optional(),
          serviceId: z.uuid().optional(),
          unitId: z.uuid().optional(),
          officeKind: DeskOfficeKind.optional(),
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
        }),
        response: { 200: DeskReport },
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const report = await deskReport(ctx, req.actor, q, req.lang);
      if (format === 'json') return report;
      return sendTableFile(reply, format, deskReportFileName(report, format), { csv: () => deskReportCsv(report), xlsx: () => deskReportXlsx(report) });
    },
  );

  r.get(
    '/desk-reports/options',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'What the desk report can be filtered by: the agencies you may see, and the offices and services of the one chosen (or of yours), and the years',
        querystring: z.object({ agencyId: z.uuid().optional() }),
        response: { 200: DeskReportOptions },
      },
    },
    async (req) => deskReportOptions(ctx, req.actor, req.query, req.lang),
  );
}
