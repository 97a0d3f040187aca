import type { OpenAPIV3_1 } from 'openapi-types';
import type { RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorEnvelope } from '@dargah/contracts';
import type { Access } from './access';
import type { ErrorCatalogue } from './errors';
import { PDF_MEDIA_TYPE } from './pdf-reply';
import { isRateLimited } from '../rate-limit';

/*
 * The API as other systems see it (ADR 0024): the OpenAPI document @fastify/swagger builds from the
 * routes, completed here from what each route already declares: its operation id (from the committed
 * map apps/api/openapi/operation-ids.json, never renamed), its security from its access class, its
 * tag from its module, the error responses it may give from its module's error catalogue and the
 * platform's rules below, and the examples of apps/api/openapi/examples.json. Web app routes and
 * development pages are left out.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The module that registered the route (set by app.ts around each module's routes). */
    module?: string;
    /** Codes outside the rules that this route gives as well (`FEATURE_DISABLED` of a switched-off feature). */
    errors?: readonly string[];
  }
}

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;
type Schema = Record<string, unknown>;

/** One operation's example request and answer (apps/api/openapi/examples.json, by operation id). */
export interface OperationExample {
  /** For readers of examples.json: what the example shows (not put in the document). */
  summary?: string;
  query?: Record<string, unknown>;
  request?: unknown;
  response: { status: string; body: unknown };
}

export interface ContractOptions {
  catalogue: ErrorCatalogue;
  /** "METHOD /path" (OpenAPI path form) → operation id. */
  operationIds: Readonly<Record<string, string>>;
  /** Operation id → its example. */
  examples: Readonly<Record<string, OperationExample>>;
  /** The session of a signed-in person: its cookie, the header that carries its CSRF token and the code of a write without it. */
  session: { cookie: string; csrfHeader: string; csrfRefusal: string };
  /** Module name → the description of its tag. */
  tags: Readonly<Record<string, string>>;
}

/** The facts of one operation the document is completed from. */
export interface OperationFacts {
  method: string;
  path: string;
  access: Access | undefined;
  module: string;
  rateLimited: boolean;
  errors: readonly string[];
}

export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** "/api/v1/cards/:id" → "/api/v1/cards/{id}". */
export const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** Routes that are not the API: the web app, its server-rendered pages, development pages. */
export const isApiRoute = (url: string) => url.startsWith('/api/v1/') || url === '/readyz';

export const securitySchemes = (session: ContractOptions['session']): Record<string, OpenAPIV3_1.SecuritySchemeObject> => ({
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: session.cookie,
    description: 'A signed-in person (citizen or staff): the session cookie set by a sign-in operation (identity).',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: session.csrfHeader,
    description: `With the session cookie, every write (POST, PUT, PATCH, DELETE) carries the session's CSRF token (\`csrfToken\` of GET /api/v1/auth/session); without it: 403 ${session.csrfRefusal}.`,
  },
  agencyToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'dgh_…',
    description: "An agency system's API token (Authorization: Bearer dgh_…), issued by an agency administrator with scopes; it acts for its agency only.",
  },
  operationsToken: {
    type: 'http',
    scheme: 'bearer',
    description: "The deployment's operations token (ADMIN_API_TOKEN, ADR 0005), for the operators of the platform.",
  },
});

/**
 * Who may call an operation, as OpenAPI security requirements: the same access class the route
 * declares and `checkAccess` enforces (the authorization matrix test compares the two).
 */
export function securityOf(access: Access | undefined, method: string): OpenAPIV3_1.SecurityRequirementObject[] {
  const person: OpenAPIV3_1.SecurityRequirementObject = UNSAFE_METHODS.has(method) ? { session: [], csrf: [] } : { session: [] };
  switch (access) {
    case 'authenticated':
      return [person, { agencyToken: [] }];
    case 'citizen':
    case 'staff':
      return [person];
    case 'agency_system':
      return [{ agencyToken: [] }];
    case 'operations':
      return [{ operationsToken: [] }];
    default:
      return [];
  }
}

/** A stable-looking id for a route that has none in the map (the contract test suggests it). */
export function suggestOperationId(method: string, path: string): string {
  const segs = path.replace(/^\/api\/v1\//, '').replace(/^\//, '').split('/').filter(Boolean);
  const pascal = (s: string) => s.replace(/(^|[-_.])(\w)/g, (_, __, c: string) => c.toUpperCase());
  const statics = segs.filter((s) => !s.startsWith('{'));
  const last = segs.at(-1) ?? '';
  const action = method === 'POST' && segs.length > 1 && segs.at(-2)!.startsWith('{') && !last.endsWith('s');
  if (action) return `${last.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}${statics.slice(0, -1).map(pascal).join('')}`;
  const verb = { GET: last.startsWith('{') ? 'get' : 'list', POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' }[method] ?? method.toLowerCase();
  return `${verb}${statics.map(pascal).join('')}`;
}

/** The platform's error codes an operation may give, by the rules of ADR 0024. */
export function platformCodesOf(facts: OperationFacts, op: Operation, bodySchema: Schema | undefined, csrfRefusal: string): string[] {
  const params = (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
  const hasBody = Boolean(op.requestBody);
  const hasInput = hasBody || params.length > 0;
  const codes: string[] = [];
  if (hasInput) codes.push('VALIDATION_FAILED', 'TEXT_NOT_ALLOWED', 'VALUE_NOT_STORABLE');
  if (hasBody) codes.push('MALFORMED_JSON', 'NESTING_TOO_DEEP', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (params.some((p) => p.in === 'header' && p.name === 'idempotency-key')) codes.push('IDEMPOTENCY_KEY_INVALID', 'IDEMPOTENCY_KEY_REUSED');
  if (facts.access && facts.access !== 'public') codes.push('UNAUTHENTICATED');
  if (facts.access && !['public', 'operations'].includes(facts.access)) codes.push('FORBIDDEN');
  if (UNSAFE_METHODS.has(facts.method) && ['authenticated', 'citizen', 'staff'].includes(facts.access ?? '')) codes.push(csrfRefusal);
  if (params.some((p) => p.in === 'path')) codes.push('NOT_FOUND');
  if (bodySchema && typeof bodySchema.properties === 'object' && bodySchema.properties && 'version' in bodySchema.properties) codes.push('CONFLICT');
  if (facts.rateLimited) codes.push('RATE_LIMITED');
  // Every request: headers too large are refused at the edge, before routing; and 503 when the
  // database is down, the process closing or (load shedding, where the platform has it) overloaded.
  codes.push('HEADERS_TOO_LARGE', 'DATABASE_UNAVAILABLE', 'SHUTTING_DOWN', 'OVERLOADED');
  return codes;
}

/**
 * Whether a code of the operation's module, by its status, may answer this operation: refusals of
 * input only where there is input (a body for 413 and 415), conflicts and limits only on writes (or a
 * limited route), refusals of the caller where a caller is named or input given. A module's code
 * outside these rules is listed on a route by `config.errors`.
 */
export function moduleCodeApplies(f: OperationFacts, op: Operation, status: number): boolean {
  const params = (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
  const hasBody = Boolean(op.requestBody);
  const hasInput = hasBody || params.length > 0;
  const write = UNSAFE_METHODS.has(f.method);
  if (status === 413 || status === 415) return hasBody;
  if (status === 409) return write;
  if (status === 429) return write || f.rateLimited;
  if (status === 401 || status === 403) return hasInput || (f.access !== undefined && f.access !== 'public');
  return hasInput || write;
}

const envelopeSchema = z.toJSONSchema(ErrorEnvelope, { target: 'draft-2020-12' }) as Schema;
delete envelopeSchema.$schema;

/** The shared error envelope (@dargah/contracts `ErrorEnvelope`) with its `code` one of these. */
function envelopeWithCodes(codes: readonly string[]): OpenAPIV3_1.SchemaObject {
  const schema = structuredClone(envelopeSchema) as { properties: { error: { properties: Record<string, unknown> } } };
  schema.properties.error.properties.code = { type: 'string', enum: codes };
  return schema as OpenAPIV3_1.SchemaObject;
}

const STATUS_TEXT: Record<string, string> = {
  '400': 'Bad request',
  '401': 'Not signed in',
  '403': 'Refused',
  '404': 'Not found',
  '408': 'Request timeout',
  '409': 'Conflict',
  '413': 'Too large',
  '415': 'Unsupported media type',
  '422': 'Not processable',
  '429': 'Too many requests',
  '431': 'Headers too large',
  '503': 'Unavailable',
};

/** Builds the swagger `transform` and `transformObject` that complete the document. */
export function apiContract(opts: ContractOptions) {
  const facts = new Map<string, OperationFacts>();

  const transform = (input: { schema: RouteOptions['schema']; url: string; route: RouteOptions; openapiObject: Partial<Document> }) => {
    const out = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]) as { schema: Record<string, unknown>; url: string };
    if (!isApiRoute(input.url) || out.schema?.hide) return { schema: { hide: true }, url: input.url };
    const config = (input.route.config ?? {}) as { access?: Access; module?: string; errors?: readonly string[] };
    const method = [input.route.method].flat()[0]!.toUpperCase();
    const path = openApiPath(input.url);
    const module = config.module ?? 'platform';
    facts.set(`${method} ${path}`, {
      method,
      path,
      access: config.access,
      module,
      rateLimited: [input.route.onRequest ?? []].flat().some((h) => isRateLimited(h)),
      errors: config.errors ?? [],
    });
    const operationId = opts.operationIds[`${method} ${path}`];
    return {
      url: input.url,
      schema: { ...out.schema, tags: [module], security: securityOf(config.access, method), ...(operationId ? { operationId } : {}) },
    };
  };

  const transformObject = ({ openapiObject }: { openapiObject: Partial<Document> }) => {
    const doc = openapiObject as Document;
    const used = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [m, op] of Object.entries(item as Record<string, Operation>)) {
        const f = facts.get(`${m.toUpperCase()} ${path}`);
        if (!f) continue;
        for (const t of op.tags ?? []) used.add(t);
        const body = (op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content?.['application/json']?.schema as Schema | undefined;
        const moduleCodes = opts.catalogue
          .errorEntries()
          .filter(([, spec, owner]) => owner === f.module && moduleCodeApplies(f, op, spec.status))
          .map(([code]) => code);
        const codes = new Set([...platformCodesOf(f, op, body, opts.session.csrfRefusal), ...moduleCodes, ...f.errors]);
        // A status the route declares itself keeps its own schema (/readyz answers 503 with its checks).
        const responses = (op.responses ??= {});
        declarePdf(responses);
        for (const [status, response] of Object.entries(errorResponses([...codes], opts.catalogue))) responses[status] ??= response;
        if (op.operationId) applyExample(op, opts.examples[op.operationId]);
      }
    }
    doc.tags = [...used].sort().map((name) => ({ name, description: opts.tags[name] ?? name }));
    return doc;
  };

  /** For the document's `components` (swagger reads them while it walks the routes). */
  const components = { securitySchemes: securitySchemes(opts.session) };
  return { transform, transformObject, components, facts };
}

/**
 * A response the route declares with PdfResponse (platform/http/pdf-reply: a schema described as
 * `application/pdf`) is PDF bytes: declared as such, not as the JSON the schema compiler assumes.
 */
function declarePdf(responses: NonNullable<Operation['responses']>): void {
  for (const response of Object.values(responses) as OpenAPIV3_1.ResponseObject[]) {
    const json = response.content?.['application/json']?.schema;
    if (json?.description === PDF_MEDIA_TYPE) response.content = { [PDF_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } };
  }
}

/** One response per status: the shared envelope, its `code` one of the codes listed. */
function errorResponses(codes: readonly string[], catalogue: ErrorCatalogue): Record<string, OpenAPIV3_1.ResponseObject> {
  const byStatus = new Map<string, string[]>();
  for (const code of codes) {
    const status = String(catalogue.spec(code).status);
    if (status === '500' || !catalogue.has(code)) continue;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, OpenAPIV3_1.ResponseObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...list].sort();
    out[status] = {
      description: `${STATUS_TEXT[status] ?? 'Refused'}: ${sorted.join(', ')}`,
      content: {
        'application/json': {
          schema: envelopeWithCodes(sorted),
        },
      },
    };
  }
  return out;
}

function applyExample(op: Operation, ex: OperationExample | undefined): void {
  if (!ex) return;
  const body = (op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content?.['application/json'];
  if (body && ex.request !== undefined) body.example = ex.request;
  for (const p of (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[]) {
    if (p.in === 'query' && ex.query?.[p.name] !== undefined) p.example = ex.query[p.name];
  }
  const answer = (op.responses?.[ex.response.status] as OpenAPIV3_1.ResponseObject | undefined)?.content?.['application/json'];
  if (answer) answer.example = ex.response.body;
}

/**
 * What is wrong with the operation-id map against the routes: an /api/v1 route without an id (with
 * an id to add), an id given twice, an entry that names no route. Empty when the map is right.
 */
export function missingOperationIds(routes: ReadonlyArray<{ method: string; url: string }>, ids: Readonly<Record<string, string>>): string[] {
  const keys = new Set(routes.filter((r) => isApiRoute(r.url)).map((r) => `${r.method} ${openApiPath(r.url)}`));
  const problems: string[] = [];
  for (const key of keys) {
    if (!ids[key]) {
      const [method, path] = key.split(' ') as [string, string];
      problems.push(`${key} has no operation id: add "${key}": "${suggestOperationId(method, path)}" (chosen once, never renamed)`);
    }
  }
  for (const key of Object.keys(ids)) if (!keys.has(key)) problems.push(`"${key}" names no route: remove it (its id ${ids[key]} is retired, never given to another operation)`);
  const seen = new Map<string, string>();
  for (const [key, id] of Object.entries(ids)) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(id)) problems.push(`${key}: the id "${id}" is not lowerCamelCase letters and digits`);
    const other = seen.get(id);
    if (other) problems.push(`the id "${id}" is given twice: to ${other} and to ${key}`);
    seen.set(id, key);
  }
  return problems;
}
