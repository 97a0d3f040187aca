/**
 * Breaking changes between two OpenAPI 3.1 documents of the Dargah API, under a path prefix
 * (/api/v1): a removed operation, a removed field of a success response, a response field whose
 * type is no longer one it had, a request input whose accepted values narrowed (type, enum, bounds),
 * or a new required input (parameter or body property). ADR 0024.
 *
 * A maintained library was tried first (api-smart-diff): it called a changed response field type
 * non-breaking and took 8 s on this document; this walks only what the rule above names.
 */

type Schema = Record<string, unknown>;
type Doc = { paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface BreakingChange {
  /** "GET /api/v1/…", the name a changelog entry gives. */
  operation: string;
  what: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
const MAX_DEPTH = 12;

/** A schema with its `$ref`s to #/components/schemas resolved and allOf merged. */
function view(doc: Doc, s: Schema | undefined, depth = 0): Schema {
  if (!s || depth > MAX_DEPTH) return {};
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/components/schemas/', '');
    return view(doc, doc.components?.schemas?.[name], depth + 1);
  }
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as Schema[]).map((p) => view(doc, p, depth + 1));
    const merged: Schema = { ...s, allOf: undefined };
    for (const p of parts) {
      merged.properties = { ...(merged.properties as Schema), ...(p.properties as Schema) };
      merged.required = [...((merged.required as string[]) ?? []), ...((p.required as string[]) ?? [])];
      if (p.type && !merged.type) merged.type = p.type;
    }
    return merged;
  }
  return s;
}

/** The variants of a union (anyOf / oneOf), or the schema itself. */
const variants = (doc: Doc, s: Schema): Schema[] => {
  const list = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  return list ? list.map((v) => view(doc, v)) : [s];
};

/** Every JSON type a schema admits ('any' when it does not say). */
function typesOf(doc: Doc, s: Schema): Set<string> {
  const out = new Set<string>();
  for (const v of variants(doc, s)) {
    if (v.type === undefined && v.const === undefined && v.enum === undefined) out.add('any');
    for (const t of [v.type ?? []].flat() as string[]) out.add(t === 'integer' ? 'integer' : t);
    if (v.const !== undefined) out.add(typeof v.const === 'number' ? 'number' : typeof v.const);
  }
  return out;
}

/** Properties across the variants of an object schema. */
function propertiesOf(doc: Doc, s: Schema): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const v of variants(doc, s)) for (const [k, p] of Object.entries((v.properties as Record<string, Schema>) ?? {})) if (!out.has(k)) out.set(k, view(doc, p));
  return out;
}

const requiredOf = (doc: Doc, s: Schema) => new Set(variants(doc, s).flatMap((v) => (v.required as string[]) ?? []));
const itemsOf = (doc: Doc, s: Schema) => {
  const v = variants(doc, s).find((x) => x.items);
  return v ? view(doc, v.items as Schema) : undefined;
};

/** A response field and what it holds, where `before` promised it: removed, or a type it never had. */
function compareResponse(doc: [Doc, Doc], before: Schema, after: Schema, at: string, out: string[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  const [tb, ta] = [typesOf(doc[0], before), typesOf(doc[1], after)];
  if (!tb.has('any')) {
    const added = [...ta].filter((t) => !tb.has(t) && !(t === 'integer' && tb.has('number')));
    if (added.length) out.push(`response ${at || 'body'}: can now be ${added.join(', ')} (was ${[...tb].join(', ')})`);
  }
  const [pb, pa] = [propertiesOf(doc[0], before), propertiesOf(doc[1], after)];
  for (const [name, sb] of pb) {
    const sa = pa.get(name);
    const where = at ? `${at}.${name}` : name;
    if (!sa) {
      if (!pa.size && ta.has('any')) continue;
      out.push(`response field ${where} removed`);
    } else compareResponse(doc, sb, sa, where, out, depth + 1);
  }
  const [ib, ia] = [itemsOf(doc[0], before), itemsOf(doc[1], after)];
  if (ib && ia) compareResponse(doc, ib, ia, `${at}[]`, out, depth + 1);
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** A request input that accepts less than before: a type, an enum value or a bound taken away, or a property now required. */
function compareRequest(doc: [Doc, Doc], before: Schema, after: Schema, at: string, out: string[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  const [tb, ta] = [typesOf(doc[0], before), typesOf(doc[1], after)];
  if (!ta.has('any')) {
    const lost = [...tb].filter((t) => !ta.has(t) && !(t === 'integer' && ta.has('number')));
    if (lost.length) out.push(`input ${at}: no longer accepts ${lost.join(', ')}`);
  }
  const eb = before.enum as unknown[] | undefined;
  const ea = after.enum as unknown[] | undefined;
  if (ea && (!eb || eb.some((v) => !ea.includes(v)))) out.push(`input ${at}: no longer accepts ${eb ? eb.filter((v) => !ea.includes(v)).join(', ') : 'every value'}`);
  for (const k of ['maximum', 'maxLength', 'maxItems', 'exclusiveMaximum']) {
    const [b, a] = [num(before[k]), num(after[k])];
    if (a !== undefined && (b === undefined || a < b)) out.push(`input ${at}: ${k} lowered to ${a}${b === undefined ? '' : ` (was ${b})`}`);
  }
  for (const k of ['minimum', 'minLength', 'minItems', 'exclusiveMinimum']) {
    const [b, a] = [num(before[k]), num(after[k])];
    if (a !== undefined && (b === undefined || a > b)) out.push(`input ${at}: ${k} raised to ${a}${b === undefined ? '' : ` (was ${b})`}`);
  }
  if (typeof after.pattern === 'string' && after.pattern !== before.pattern) out.push(`input ${at}: a new pattern`);
  const [pb, pa] = [propertiesOf(doc[0], before), propertiesOf(doc[1], after)];
  const [rb, ra] = [requiredOf(doc[0], before), requiredOf(doc[1], after)];
  for (const name of ra) if (!rb.has(name)) out.push(`input ${at ? `${at}.` : ''}${name}: newly required`);
  for (const [name, sa] of pa) {
    const sb = pb.get(name);
    if (sb) compareRequest(doc, sb, sa, at ? `${at}.${name}` : name, out, depth + 1);
  }
  const [ib, ia] = [itemsOf(doc[0], before), itemsOf(doc[1], after)];
  if (ib && ia) compareRequest(doc, ib, ia, `${at}[]`, out, depth + 1);
}

const json = (c: Record<string, { schema?: Schema }> | undefined) => c?.['application/json']?.schema;

/** Every breaking change from `before` to `after` on the paths under `prefix`. */
export function breakingChanges(before: Doc, after: Doc, prefix = '/api/v1/'): BreakingChange[] {
  const out: BreakingChange[] = [];
  const docs: [Doc, Doc] = [before, after];
  for (const [path, item] of Object.entries(before.paths ?? {})) {
    if (!path.startsWith(prefix)) continue;
    for (const method of METHODS) {
      const ob = item[method];
      if (!ob) continue;
      const operation = `${method.toUpperCase()} ${path}`;
      const oa = after.paths?.[path]?.[method];
      if (!oa) {
        out.push({ operation, what: 'operation removed' });
        continue;
      }
      const found: string[] = [];
      if (ob.operationId && oa.operationId !== ob.operationId) found.push(`operation id ${ob.operationId} changed to ${oa.operationId ?? 'none'}`);
      for (const [status, rb] of Object.entries(ob.responses ?? {})) {
        if (!/^2/.test(status)) continue;
        const ra = oa.responses?.[status];
        if (!ra) found.push(`response ${status} removed`);
        else if (json(rb.content) && json(ra.content)) compareResponse(docs, view(before, json(rb.content)), view(after, json(ra.content)), '', found);
      }
      const params = (o: Operation) => new Map((o.parameters ?? []).map((p) => [`${p.in} ${p.name}`, p]));
      const [pb, pa] = [params(ob), params(oa)];
      for (const [key, p] of pa) {
        const was = pb.get(key);
        if (p.required && !was?.required) found.push(`input ${key}: newly required`);
        if (was) compareRequest(docs, view(before, was.schema), view(after, p.schema), key, found);
      }
      const [bb, ba] = [json(ob.requestBody?.content), json(oa.requestBody?.content)];
      if (ba && !bb && oa.requestBody?.required) found.push('input body: newly required');
      if (ba && bb) compareRequest(docs, view(before, bb), view(after, ba), 'body', found);
      out.push(...found.map((what) => ({ operation, what })));
    }
  }
  return out;
}

/**
 * The changes a changelog does not announce. An entry is a line starting with "- BREAKING" that names
 * the operation ("GET /api/v1/…"); it covers every breaking change of that operation.
 */
export function unannounced(changes: readonly BreakingChange[], changelog: string): BreakingChange[] {
  const entries = changelog.split('\n').filter((l) => /^\s*[-*]\s*BREAKING\b/.test(l));
  const named = (op: string) => entries.some((l) => new RegExp(`(^|[\\s\`(])${op.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s\`),:;])`).test(l));
  return changes.filter((c) => !named(c.operation));
}
