import {
  CardImport,
  IMPORT_CONTENT_TYPES,
  IMPORT_MAX_BYTES,
  ImportQuery,
  ImportResult,
  type ImportFormat,
} from '@dargah/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import { getImport, importCards, listImports, templateCsv, templateXlsx } from './import.service';
import { CatalogueError } from './catalogue.errors';

const tags = ['catalogue'];
const staff = { access: 'staff' as const };
const pub = { access: 'public' as const };
const XLSX = IMPORT_CONTENT_TYPES.xlsx;
const CSV_TYPES = ['text/csv', 'application/csv'];

/** The format named by a Content-Type header (parameters such as charset ignored). */
function formatOf(req: FastifyRequest): ImportFormat | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === XLSX) return 'xlsx';
  if (CSV_TYPES.includes(type)) return 'csv';
  return undefined;
}

/**
 * Card import: the raw file is the request body (Content-Type text/csv or the XLSX type), read
 * into a Buffer by this scope's own parser, which stops at IMPORT_MAX_BYTES (IMPORT_FILE_TOO_LARGE).
 */
export async function importRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser([...CSV_TYPES, XLSX], (req, payload, done) => {
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > IMPORT_MAX_BYTES) {
        payload.resume();
        return done(new CatalogueError('IMPORT_FILE_TOO_LARGE', { maxBytes: IMPORT_MAX_BYTES }), undefined);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (c: Buffer) => {
        size += c.length;
        if (size > IMPORT_MAX_BYTES) {
          cleanup();
          payload.resume();
          done(new CatalogueError('IMPORT_FILE_TOO_LARGE', { maxBytes: IMPORT_MAX_BYTES }), undefined);
        } else chunks.push(c);
      };
      const onEnd = () => {
        cleanup();
        done(null, Buffer.concat(chunks));
      };
      const onError = (err: Error) => {
        cleanup();
        done(err, undefined);
      };
      const cleanup = () => {
        payload.removeListener('data', onData);
        payload.removeListener('end', onEnd);
        payload.removeListener('error', onError);
      };
      payload.on('data', onData);
      payload.on('end', onEnd);
      payload.on('error', onError);
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/catalogue/imports',
      {
        config: staff,
        schema: {
          tags,
          summary:
            'Import service cards from a CSV or XLSX file (the raw file as the body, Content-Type text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; at most 5 MB and 2,000 rows) for an agency (its experts and administrators). dryRun=true only checks. Every row is checked like a submitted card; any problem refuses the whole file with 422 IMPORT_INVALID and details.problems listing every problem by row and column; otherwise every row becomes a draft card in one transaction (201). The same file imported again by the agency answers 200 with the earlier import. Send an Idempotency-Key header to make retries safe.',
          querystring: ImportQuery,
          headers: IdempotencyHeaders,
          response: { 200: ImportResult, 201: CardImport },
        },
      },
      async (req, reply) => {
        const format = formatOf(req);
        if (!format || !Buffer.isBuffer(req.body)) throw new CatalogueError('IMPORT_UNSUPPORTED_TYPE');
        const res = await importCards(
          ctx,
          req.actor,
          req.query,
          { bytes: req.body, format },
          req.origin,
          req.lang,
          // A retry is the same agency and file: the claim keeps the file's hash, not the file.
          (sha256) => claimFrom(req, 'catalogue.import', { agencyId: req.query.agencyId, sha256 }),
        );
        return sendReplayable(reply, res);
      },
    );
    r.get(
      '/catalogue/imports',
      {
        config: staff,
        schema: {
          tags,
          summary: 'Past card imports of the agencies you author cards for (all for central roles), newest first',
          querystring: z.object({
            agencyId: z.uuid().optional(),
            limit: z.coerce.number().int().min(1).max(100).default(50),
            offset: z.coerce.number().int().min(0).max(100_000).default(0),
          }),
          response: { 200: z.array(CardImport) },
        },
      },
      (req) => listImports(ctx, req.actor, req.query),
    );
    r.get(
      '/catalogue/imports/template.csv',
      {
        config: pub,
        schema: {
          tags,
          summary:
            'The CSV template of a card import: the header row (Persian headers; English with Accept-Language: en) and an example row',
          response: { 200: z.string().describe('text/csv') },
        },
      },
      async (req, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="dargah-card-import.csv"')
          .send(templateCsv(req.lang) as never),
    );
    r.get(
      '/catalogue/imports/template.xlsx',
      {
        config: pub,
        schema: {
          tags,
          summary:
            'The XLSX template of a card import: the header row and an example row, and a guide sheet describing each column and its allowed values',
          response: { 200: z.string().describe(XLSX) },
        },
      },
      async (req, reply) =>
        reply
          .type(XLSX)
          .header('content-disposition', 'attachment; filename="dargah-card-import.xlsx"')
          .send((await templateXlsx(req.lang)) as never),
    );
    r.get(
      '/catalogue/imports/:id',
      {
        config: staff,
        schema: {
          tags,
          summary: 'One card import with the draft cards it created',
          params: z.object({ id: z.uuid() }),
          response: { 200: CardImport },
        },
      },
      (req) => getImport(ctx, req.actor, req.params.id),
    );
  });
}
