import {
  CalendarCapabilities,
  Closure,
  ClosureInput,
  ClosureQuery,
  HolidayImportQuery,
  HolidayTable,
  HolidayTableInput,
  HolidayYear,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IDEMPOTENT_CREATE, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { CalendarError } from './calendar.errors';
import {
  addClosure,
  calendarCapabilities,
  getHolidayTable,
  listClosures,
  publishHolidayTable,
  removeClosure,
} from './calendar.service';
import { HOLIDAY_IMPORT_MAX_BYTES, importHolidayTable } from './holiday-import.service';

const tags = ['calendar'];
const staff = { access: 'staff' as const };
const pub = { access: 'public' as const };
const Year = z.object({ year: HolidayYear });
const CSV_TYPES = ['text/csv', 'application/csv'];

/** The holiday tables, local closures and what the caller may change. */
export async function calendarRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/calendar/holidays/:year',
    {
      config: pub,
      schema: {
        tags,
        summary: "A Jalali year's official holiday table (published: false and no rows until the central organisation publishes it)",
        params: Year,
        response: { 200: HolidayTable },
      },
    },
    (req) => getHolidayTable(ctx.database.db, req.params.year),
  );
  r.put(
    '/calendar/holidays/:year',
    {
      config: staff,
      schema: {
        tags,
        summary:
          "Publish a year's holiday table whole, at the version read (0 for a year not yet published; 409 CONFLICT when stale) — central reviewers and platform administrators",
        params: Year,
        body: HolidayTableInput,
        response: { 200: HolidayTable },
      },
    },
    (req) => publishHolidayTable(ctx, req.actor, req.origin, req.params.year, req.body, req.lang),
  );

  // The import reads the raw CSV as the body, within its own small limit.
  await app.register(async (scope) => {
    scope.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer', bodyLimit: HOLIDAY_IMPORT_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/calendar/holidays/:year/import',
      {
        config: staff,
        schema: {
          tags,
          summary:
            "Publish a year's holiday table from a CSV file (the raw file as the body, Content-Type text/csv, at most 256 KB and 100 rows; columns تاریخ/date, عنوان/title, عنوان انگلیسی/title_en, نوع/kind with خورشیدی/قمری/سایر or solar/lunar/other). All or nothing: any problem answers 422 HOLIDAY_IMPORT_INVALID with details.problems by row and column. dryRun=true only checks.",
          params: Year,
          querystring: HolidayImportQuery,
          response: { 200: HolidayTable },
        },
      },
      (req) => {
        if (!Buffer.isBuffer(req.body)) throw new CalendarError('HOLIDAY_IMPORT_UNSUPPORTED_TYPE');
        return importHolidayTable(ctx, req.actor, req.origin, req.params.year, req.query, req.body, req.lang);
      },
    );
  });

  r.get(
    '/calendar/closures',
    {
      config: pub,
      schema: {
        tags,
        summary: "A year's local closures, of an agency and/or a province when asked (either matches)",
        querystring: ClosureQuery,
        response: { 200: z.array(Closure) },
      },
    },
    (req) => listClosures(ctx, req.query),
  );
  r.post(
    '/calendar/closures',
    {
      config: staff,
      schema: {
        tags,
        summary:
          "Close an agency for a day (its administrators) or every agency of a province (central reviewers, platform administrators); 409 CLOSURE_DUPLICATE when that day is already closed",
        description: IDEMPOTENT_CREATE,
        headers: IdempotencyHeaders,
        body: ClosureInput,
        response: { 201: Closure },
      },
    },
    async (req, reply) =>
      sendReplayable(reply, await addClosure(ctx, req.actor, req.origin, req.body, req.lang, claimFrom(req, 'local_closure.add'))),
  );
  r.delete(
    '/calendar/closures/:id',
    {
      config: staff,
      schema: { tags, summary: 'Remove a local closure (whoever may add it)', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await removeClosure(ctx, req.actor, req.origin, req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/calendar/capabilities',
    {
      config: staff,
      schema: { tags, summary: 'What the caller may change in the calendar: tables, province closures, which agencies', response: { 200: CalendarCapabilities } },
    },
    (req) => calendarCapabilities(ctx, req.actor),
  );
}
