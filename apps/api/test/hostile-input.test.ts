import { randomUUID } from 'node:crypto';
import { API_SCOPES, type ROLES } from '@dargah/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/modules/identity/auth.service';
import { serviceIdFromNumber } from '../src/modules/catalogue/service-id.model';
import * as identityRepo from '../src/modules/identity/identity.repository';
import { buildTestApp, type TestApp } from './app';
import { buildAgency, buildStaff, randomLegalId, randomMobile, randomNationalCode, signInCitizen, signInStaff } from './factories';
import { operationsOf, phaseOf, segmentBefore, type Operation } from './hostile/operations';
import {
  DEEP_NESTING,
  DEEP_NESTING_JSON,
  effective,
  hostileValues,
  holdsRefusedText,
  kindOf,
  points,
  REFUSED_STRINGS,
  seededStrings,
  validSample,
  withValueAt,
  type Hints,
  type JsonSchema,
} from './hostile/schema-values';
import { sealAuditNow } from './audit';
import { createService } from '../src/modules/services';

/**
 * Walks every operation of the OpenAPI document as a caller who may use it, with a valid request
 * first and then hostile values in every place its schema describes — NUL, lone surrogates and
 * control characters, bidi overrides, 10,000-character strings, huge numbers, wrong types, hostile
 * keys, hostile path and query parameters and headers — and fails on any 5xx, listing every
 * offender. Text the edge must refuse has to be answered 400 TEXT_NOT_ALLOWED wherever it is put.
 */

type Headers = Record<string, string>;
interface Actor {
  name: string;
  headers: Headers;
}

let t: TestApp;
let ops: Operation[];
const actors: Record<string, Actor> = {};
/** Ids the walk has seen, by collection segment (`cards`), and values of fields such as `trackingCode`. */
const ids = new Map<string, string>();
const values = new Map<string, string>();
const actorIds = new Set<string>();
let agencyA: string;

/** Every request carries a hostile User-Agent: it is kept with sessions and audit entries. */
const HOSTILE_UA = 'walker/1 \u0000\u0007\u202E\uD800 (x)';

beforeAll(async () => {
  t = await buildTestApp({ SIGN_IN_RATE_PER_MINUTE: '100000' });
  const all = operationsOf(t.app);
  ops = [...all].sort((x, y) => phaseOf(x, all) - phaseOf(y, all));
  const central = await buildAgency(t, { nameFa: 'سازمان اداری', kind: 'central_body' });
  const a = await buildAgency(t, { nameFa: 'وزارت آزمایشی', kind: 'ministry' });
  agencyA = a.id;
  const session = async (agency: string, roles: typeof ROLES[number][]) => {
    const s = await buildStaff(t, agency, roles);
    actorIds.add(s.id);
    return (await signInStaff(t, s.username)).headers;
  };
  actors.anonymous = { name: 'anonymous', headers: {} };
  const citizen = await signInCitizen(t);
  actorIds.add(citizen.id);
  actors.citizen = { name: 'citizen', headers: citizen.headers };
  actors.agencyStaff = { name: 'agency staff', headers: await session(a.id, ['desk_clerk', 'expert', 'unit_manager', 'secretariat', 'agency_admin']) };
  actors.centralStaff = { name: 'central staff', headers: await session(central.id, ['central_reviewer', 'oversight_auditor']) };
  actors.platformAdmin = { name: 'platform admin', headers: await session(central.id, ['platform_admin']) };
  const token = `dgh_walker_${randomUUID().replace(/-/g, '')}`;
  const apiToken = await identityRepo.insertApiToken(t.ctx.database.db, { agencyId: a.id, name: 'سامانه آزمایشی', tokenHash: sha256(token), prefix: token.slice(0, 8), scopes: [...API_SCOPES], createdBy: null }, t.clock.now());
  actorIds.add(apiToken.id);
  actors.agencySystem = { name: 'agency system', headers: { authorization: `Bearer ${token}` } };
  actors.operations = { name: 'operations token', headers: t.admin };
  // A published service whose form is one optional text field, so a citizen's request reaches the database.
  // A published service (version 1) through the services module, as the demo seed makes them.
  const service = {
    id: await createService(
      t.ctx.database.db,
      { agencyId: a.id, titleFa: 'خدمت آزمایشی', titleEn: null, descriptionFa: 'شرح', recipients: 'G2C', normDays: 5, published: true, formSchema: {"type":"object","properties":{"note":{"type":"string","title":"یادداشت"}}} },
      new Date(),
    ),
  };
  ids.set('services', service.id);
  values.set('serviceId', service.id);
}, 120_000);
afterAll(() => t?.close());

/** Who may call an operation of each access class; the walk keeps the first the route lets in. */
const candidates = (op: Operation): Actor[] => {
  switch (op.access) {
    case 'citizen':
      return [actors.citizen!];
    case 'staff':
      return [actors.agencyStaff!, actors.centralStaff!, actors.platformAdmin!];
    case 'authenticated':
      return [actors.citizen!, actors.agencyStaff!, actors.centralStaff!, actors.agencySystem!];
    case 'agency_system':
      return [actors.agencySystem!];
    case 'operations':
      return [actors.operations!];
    default:
      return [actors.anonymous!];
  }
};

const PLURALS = (base: string) => [`${base}s`, `${base}es`, base.replace(/y$/, 'ies'), base];

/** Whether a value the walk has seen suits this place (a uuid where a uuid goes, the pattern's shape). */
function fits(value: string, schema: JsonSchema): boolean {
  const s = effective(schema);
  if (s.format === 'uuid' && !/^[0-9a-f-]{36}$/i.test(value)) return false;
  if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) return false;
  return value.length <= (s.maxLength ?? Infinity);
}

/** Values the schema cannot describe (checksums, dates, references to objects that exist). */
const hints: Hints = (name, schema) => {
  const seen = (v: string | undefined) => (v !== undefined && fits(v, schema) ? v : undefined);
  if (name === 'agencyId') return agencyA;
  if (name === 'nationalCode') return randomNationalCode();
  if (name === 'mobile') return randomMobile();
  if (name === 'legalId') return randomLegalId();
  if (name === 'sheba' || name === 'iban') return 'IR820540102680020817909002';
  if (name === 'postalCode') return '1193653471';
  if (name === 'username') return `walker.${randomUUID().slice(0, 8)}`;
  if (name === 'password' || name === 'newPassword') return 'Walker-pass-1404';
  if (name === 'code' && kindOf(schema) === 'string') return '123456';
  if (name === 'startsAt') return t.clock.now().toISOString();
  if (name === 'endsAt') return new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
  if (/On$/.test(name) && kindOf(schema) === 'string') return '1403/01/15';
  // A law with an article, cited by missions and licences; an 11-digit catalogue service id.
  if (name === 'articles') return [{ number: '1', text: 'ماده یک' }];
  if (name === 'article') return '1';
  if (/(^s|S)erviceId$/.test(name) && effective(schema).format !== 'uuid') return serviceIdFromNumber(name === 'serviceId' ? 42 : 43);
  const known = seen(values.get(name));
  if (known) return known;
  if (/Id$/.test(name)) {
    const base = name.replace(/Id$/, '').replace(/^(related|parent)/, '').toLowerCase() || 'agency';
    for (const p of PLURALS(['delegate', 'principal'].includes(base) ? 'staff' : base)) {
      const id = seen(ids.get(p));
      if (id) return id;
    }
  }
  return undefined;
};

/** Remembers ids and reference values from a successful answer. */
function harvest(op: Operation, body: unknown) {
  const segment = op.path.split('/').filter((s) => !s.startsWith('{')).at(-1) ?? '';
  const visit = (v: unknown, depth: number, collection: string) => {
    if (depth > 3 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.slice(0, 3).forEach((x) => visit(x, depth + 1, collection));
    const o = v as Record<string, unknown>;
    if ((typeof o.id === 'string' || typeof o.id === 'number') && !actorIds.has(String(o.id)) && !ids.has(collection)) ids.set(collection, String(o.id));
    for (const [k, x] of Object.entries(o)) {
      if (typeof x === 'string' && (/Id$/.test(k) || k === 'trackingCode') && !actorIds.has(x) && !values.has(k) && k !== 'agencyId') values.set(k, x);
      if (x && typeof x === 'object') visit(x, depth + 1, k === 'items' ? collection : k);
    }
  };
  visit(body, 0, segment);
}

interface Call {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Headers;
  body: unknown;
}

/** A valid call: every path parameter of an object the walk has seen, required query parameters, a valid body. */
function baselineCall(op: Operation): Call {
  const call: Call = { path: {}, query: {}, headers: {}, body: undefined };
  for (const p of op.params) {
    if (p.in === 'path') {
      const seen = (p.name === 'id' ? undefined : hints(p.name, p.schema)) ?? ids.get(segmentBefore(op.path, p.name));
      call.path[p.name] = encodeURIComponent(String(seen ?? validSample(p.schema, p.name, hints)));
    } else if (p.in === 'query' && p.required) call.query[p.name] = encodeURIComponent(String(validSample(p.schema, p.name, hints)));
  }
  if (op.body) call.body = validSample(op.body, 'body', hints);
  return call;
}

function request(op: Operation, actor: Actor, call: Call, idempotencyKey = `walk-${randomUUID()}`): InjectOptions {
  const url = op.path.replace(/\{(\w+)\}/g, (_, n: string) => call.path[n] ?? 'x');
  const qs = Object.entries(call.query).flatMap(([k, v]) => [v].flat().map((x) => `${encodeURIComponent(k)}=${x}`));
  const headers: Headers = { 'user-agent': HOSTILE_UA, 'accept-language': 'en', 'idempotency-key': idempotencyKey, ...actor.headers, ...call.headers };
  const opts: InjectOptions = { method: op.method, url: qs.length ? `${url}?${qs.join('&')}` : url, headers };
  if (call.body !== undefined) {
    opts.payload = JSON.stringify(call.body).replace(JSON.stringify(DEEP_NESTING), DEEP_NESTING_JSON);
    headers['content-type'] = 'application/json';
  }
  return opts;
}

/** Hostile values for a path or query parameter, as they appear in a URL. */
const URL_VALUES: Array<{ raw: string; refused: boolean }> = [
  { raw: 'walker%00nul', refused: true },
  { raw: 'walker%ED%A0%80', refused: false }, // not UTF-8: never a lone surrogate after decoding
  { raw: '%E2%80%AEwalker', refused: false },
  { raw: encodeURIComponent('ا'.repeat(10_000)), refused: false },
  { raw: '99999999999999999999', refused: false },
  { raw: '1e308', refused: false },
  { raw: '-1', refused: false },
];

interface Offence {
  operation: string;
  where: string;
  value: string;
  status: number;
  code: unknown;
}

const codeOf = (res: LightMyRequestResponse): unknown =>
  String(res.headers['content-type'] ?? '').includes('json') ? res.json<{ error?: { code?: unknown } }>().error?.code : undefined;

const describeValue = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v) : JSON.stringify(v)?.slice(0, 60) ?? String(v));

interface Mutation {
  call: Call;
  where: string;
  value: unknown;
  /** The value holds text the edge refuses: the answer must be 400 TEXT_NOT_ALLOWED. */
  mustRefuse: boolean;
}

const HEADER_VALUES = ['walker\u0000key-0001', `walker-${'k'.repeat(10_000)}`, '\u202Ewalker-key-0001'];
const seeded = seededStrings(400);
let seededAt = 0;

/** The valid call with one hostile value in one place, for every place the operation describes. */
function* mutationsOf(op: Operation): Generator<Mutation> {
  for (const p of op.params) {
    for (const v of p.in === 'header' ? HEADER_VALUES.map((raw) => ({ raw, refused: false })) : URL_VALUES) {
      const call = baselineCall(op);
      if (p.in === 'path') call.path[p.name] = v.raw;
      else if (p.in === 'query') call.query[p.name] = v.raw;
      else call.headers[p.name] = v.raw;
      yield { call, where: `${p.in}.${p.name}`, value: v.raw, mustRefuse: v.refused };
    }
    if (p.in === 'query') {
      const call = baselineCall(op);
      call.query[p.name] = ['walker', 'walker%00'];
      yield { call, where: `query.${p.name} (repeated)`, value: ['walker', 'walker\u0000'], mustRefuse: true };
    }
  }
  if (!op.body) return;
  // Leaves, containers, optional properties, record keys and the body itself.
  const tried = new Set<string>();
  for (const point of points(op.body)) {
    const where = ['body', ...point.path].join('.');
    let tries: unknown[];
    if (point.key) tries = ['walker\u0000key', 'walker\uD800key', '\u202Ewalker-key'];
    else if (point.path.length === 0) tries = [[], 'walker\u0000', null, 12345, ...REFUSED_STRINGS.map((x) => ({ [x]: x }))];
    else {
      const { refused, deep } = hostileValues(kindOf(point.schema), REFUSED_STRINGS[seededAt % REFUSED_STRINGS.length]!, seeded[seededAt++ % seeded.length]!);
      const signature = JSON.stringify(point.schema);
      tries = tried.has(signature) ? refused : [...refused, ...deep];
      tried.add(signature);
    }
    for (const value of tries) {
      const call = baselineCall(op);
      call.body = withValueAt(call.body, op.body, point, value, hints);
      yield { call, where: point.key ? `${where} (key)` : where, value, mustRefuse: holdsRefusedText(point.key ? { [String(value)]: 1 } : value) };
    }
  }
}

describe('hostile input on every operation of the OpenAPI document', () => {
  it('never answers 5xx, and refuses NUL, control characters and lone surrogates with TEXT_NOT_ALLOWED everywhere', async () => {
    const offences: Offence[] = [];
    const answers = new Map<string, { actor: string; status: number; code: unknown }>();
    let sent = 0;
    const send = async (op: Operation, actor: Actor, call: Call) => {
      sent++;
      return t.app.inject(request(op, actor, call));
    };

    for (const op of ops) {
      const operation = `${op.method} ${op.path}`;
      // The valid call, as the first caller the route lets in. Signing out is walked with a session of
      // its own and its valid call comes last, so it ends no session the walk still needs.
      const signOut = op.path.endsWith('/sign-out');
      let actor = signOut ? { name: 'citizen (own session)', headers: (await signInCitizen(t)).headers } : candidates(op)[0]!;
      let valid: LightMyRequestResponse | undefined;
      for (const c of signOut ? [] : candidates(op)) {
        const res = await send(op, c, baselineCall(op));
        const better = !valid || (res.statusCode < 300 && valid.statusCode >= 300) || ([401, 403].includes(valid.statusCode) && ![401, 403].includes(res.statusCode));
        if (better) [valid, actor] = [res, c];
        if (res.statusCode < 300) break;
      }

      const check = async (m: Mutation) => {
        const res = await send(op, actor, m.call);
        const code = codeOf(res);
        const offence = { operation, where: m.where, value: describeValue(m.value), status: res.statusCode, code };
        // VALUE_NOT_STORABLE is the database refusing a value a schema should have bounded.
        if (res.statusCode >= 500 || code === 'VALUE_NOT_STORABLE') offences.push(offence);
        // A route switched off in this deployment (OIDC without an issuer) answers before reading anything.
        else if (m.mustRefuse && code !== 'TEXT_NOT_ALLOWED' && code !== 'FEATURE_DISABLED') offences.push(offence);
      };
      // A few at a time: a server database works on them in parallel (the embedded one takes turns).
      const batch: Mutation[] = [];
      for (const m of mutationsOf(op)) {
        batch.push(m);
        if (batch.length === 4) await Promise.all(batch.splice(0).map(check));
      }
      await Promise.all(batch.map(check));

      if (signOut) valid = await send(op, actor, baselineCall(op));
      const status = valid!.statusCode;
      if (status < 300 && String(valid!.headers['content-type']).includes('json')) harvest(op, valid!.json());
      answers.set(operation, { actor: actor.name, status, code: status >= 300 ? codeOf(valid!) : undefined });
      if (status >= 500) offences.push({ operation, where: 'valid call', value: describeValue(baselineCall(op).body), status, code: codeOf(valid!) });
    }

    // For whoever maintains this walk: the operations whose valid call did not succeed (their
    // handlers were reached by fewer hostile values).
    const refusedValid = [...answers].filter(([, a]) => a.status >= 300).map(([op, a]) => `${op} → ${a.status} ${typeof a.code === 'string' ? a.code : ''} (${a.actor})`);
    console.info(`hostile walk: ${ops.length} operations, ${sent} requests; valid calls not accepted:\n  ${refusedValid.join('\n  ')}`);
    expect(offences).toEqual([]);
    // The walk reached the handlers that store what citizens and staff type.
    for (const op of ['POST /api/v1/requests', 'PATCH /api/v1/me/profile', 'POST /api/v1/catalogue/cards', 'POST /api/v1/admin/agencies']) {
      expect(answers.get(op)?.status, op).toBeLessThan(300);
    }
  }, 600_000);

  it('walks every API route: none is left out of the OpenAPI document', () => {
    const documented = new Set(ops.map((o) => `${o.method} ${o.path}`));
    const missing = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });

  it('stored the hostile User-Agent of every audited change only as clean text, and the audit chain holds', async () => {
    await sealAuditNow(t.ctx.database);
    const rows = await t.ctx.database.query<{ ua: string }>("SELECT user_agent AS ua FROM audit_entries WHERE user_agent LIKE 'walker/1%'");
    expect(rows.length).toBeGreaterThan(0);
    for (const { ua } of rows) {
      expect(holdsRefusedText(ua)).toBe(false);
      expect(ua).not.toContain('\u202E');
    }
    const verify = await t.app.inject({ url: '/api/v1/operations/audit/verify', headers: t.admin });
    expect(verify.json()).toMatchObject({ ok: true });
  });
});
