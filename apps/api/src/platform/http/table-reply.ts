import type { FastifyReply } from 'fastify';

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/**
 * Sends a report as a download, CSV or XLSX (only the one asked for is built): never cached. A
 * Buffer is sent as it is, never through the JSON serialiser of the route's response schema.
 */
export async function sendTableFile(
  reply: FastifyReply,
  format: keyof typeof TYPES,
  fileName: string,
  build: { csv: () => Buffer; xlsx: () => Promise<Buffer> },
): Promise<FastifyReply> {
  const body = format === 'csv' ? build.csv() : await build.xlsx();
  return reply
    .type(TYPES[format])
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(body);
}
