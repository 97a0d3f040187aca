import type { FastifyInstance } from 'fastify';
import type { Access } from '../../src/platform/http/access';
import type { JsonSchema } from './schema-values';

/** One operation of the OpenAPI document, with the access class its route declares. */
export interface Operation {
  method: string;
  path: string;
  access: Access | undefined;
  params: Array<{ in: 'path' | 'query' | 'header'; name: string; required: boolean; schema: JsonSchema }>;
  body: JsonSchema | undefined;
}

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Every operation of the app's OpenAPI document. */
export function operationsOf(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const access = new Map(app.routeTable.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.access]));
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      const method = m.toUpperCase();
      out.push({
        method,
        path,
        access: access.get(`${method} ${path}`),
        params: (op.parameters ?? [])
          .filter((p): p is typeof p & { in: 'path' | 'query' | 'header' } => ['path', 'query', 'header'].includes(p.in))
          .map((p) => ({ in: p.in, name: p.name, required: Boolean(p.required) || p.in === 'path', schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

/** The static segment a path parameter follows (`cards` in /catalogue/cards/{id}/submit). */
export function segmentBefore(path: string, param: string): string {
  const parts = path.split('/');
  const i = parts.indexOf(`{${param}}`);
  return i > 0 ? parts[i - 1]! : '';
}

/**
 * The order the walk takes, so objects exist before they are read, changed, acted on and deleted:
 * creates (parents first), reads, updates, actions, deletes, and signing out last.
 */
export function phaseOf(op: Operation, all: readonly Operation[]): number {
  if (op.path.endsWith('/sign-out')) return 9;
  const last = op.path.split('/').at(-1)!;
  const isCollection = !last.startsWith('{') && all.some((o) => o.path.includes(`/${last}/{`));
  const params = (op.path.match(/\{/g) ?? []).length;
  if (op.method === 'POST' && (params === 0 || isCollection)) return params;
  if (op.method === 'GET') return 4;
  if (op.method === 'PUT' || op.method === 'PATCH') return 5;
  if (op.method === 'POST') return 6;
  return 7;
}
