import fc from 'fast-check';

/**
 * Values from an operation's JSON Schema (as the OpenAPI document gives it): a valid sample, the
 * places in it where a hostile value can go, and the hostile values for each kind of place.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

/** A value for a property by its name (fixture ids, national codes…), or undefined to generate one. */
export type Hints = (name: string, schema: JsonSchema) => unknown;

/** The branch of a union that is not null, and the first type of a type list that is not null. */
export function effective(schema: JsonSchema): JsonSchema {
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return effective(union.find((s) => s.type !== 'null') ?? union[0]!);
  if (schema.allOf?.length) return effective(Object.assign({}, ...schema.allOf) as JsonSchema);
  if (Array.isArray(schema.type)) return { ...schema, type: schema.type.find((t) => t !== 'null') ?? 'null' };
  return schema;
}

export const kindOf = (schema: JsonSchema): string => {
  const s = effective(schema);
  if (s.const !== undefined || s.enum) return 'enum';
  if (typeof s.type === 'string') return s.type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return 'any';
};

/** Strings a pattern may want: Iranian codes, dates, digits of every length, words. */
const PATTERN_CANDIDATES = [
  '1403/01/15', '09121234567', '0013542419', '1193653471', 'IR820540102680020817909002', '14000000001',
  '2024-03-20', '12:30', 'https://example.ir/x', 'abc', 'ABC', 'abc-def', 'abc_def', 'a1', 'fa', 'x', 'متن',
  ...Array.from({ length: 16 }, (_, i) => '1234567890123456'.slice(0, i + 1)),
];

function sampleString(s: JsonSchema): string {
  switch (s.format) {
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'date-time':
      return '2024-03-20T06:30:00.000Z';
    case 'date':
      return '2024-03-20';
    case 'email':
      return 'walker@example.ir';
    case 'uri':
    case 'url':
      return 'https://example.ir/walker';
  }
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const fits = (c: string) => re.test(c) && c.length >= (s.minLength ?? 0) && c.length <= (s.maxLength ?? Infinity);
    return PATTERN_CANDIDATES.find(fits) ?? 'x';
  }
  const text = 'متن آزمایشی';
  const min = s.minLength ?? 0;
  const out = text.length >= min ? text : text.padEnd(min, 'ا');
  return s.maxLength !== undefined ? out.slice(0, Math.max(s.maxLength, min)) : out;
}

function sampleNumber(s: JsonSchema): number {
  if (s.minimum !== undefined) return s.minimum;
  if (s.exclusiveMinimum !== undefined) return s.exclusiveMinimum + 1;
  if (s.maximum !== undefined) return Math.min(1, s.maximum);
  return 1;
}

/** A value the schema accepts, as far as a JSON Schema can tell (refinements are hinted by name). */
export function validSample(schema: JsonSchema, name: string, hints: Hints, depth = 0): unknown {
  const hinted = hints(name, schema);
  if (hinted !== undefined) return hinted;
  const s = effective(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined && depth > 0) return structuredClone(s.default); // a copy: callers write into samples, never into the schema
  switch (kindOf(s)) {
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number':
      return sampleNumber(s);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      if (depth > 8 || s.maxItems === 0 || !s.items) return [];
      const n = Math.max(1, s.minItems ?? 0);
      return Array.from({ length: n }, () => validSample(s.items!, name, hints, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 8) return out;
      for (const [key, p] of Object.entries(s.properties ?? {})) {
        // Required properties, and optional ones the walk knows a good value for (a law's articles).
        if (s.required?.includes(key)) out[key] = validSample(p, key, hints, depth + 1);
        else if (hints(key, p) !== undefined) out[key] = hints(key, p);
      }
      return out;
    }
    default:
      return 'متن';
  }
}

/** A place a hostile value can go: a path into the value, the schema there, or a new key of a record. */
export interface Point {
  path: Array<string | number>;
  schema: JsonSchema;
  /** A record (additionalProperties): the hostile value is a new key rather than a value. */
  key?: boolean;
}

/** Every leaf and container of the schema, optional properties included, down to `maxDepth`. */
export function points(schema: JsonSchema, path: Array<string | number> = [], maxDepth = 6): Point[] {
  const s = effective(schema);
  const here: Point = { path, schema: s };
  if (path.length > maxDepth) return [here];
  switch (kindOf(s)) {
    case 'object': {
      const out = [here];
      for (const [k, p] of Object.entries(s.properties ?? {})) out.push(...points(p, [...path, k], maxDepth));
      const extra = s.additionalProperties;
      if (!s.properties && extra !== false) {
        const valueSchema = typeof extra === 'object' ? extra : {};
        out.push(...points(valueSchema, [...path, 'walkerField'], maxDepth), { path: [...path, 'walkerField'], schema: valueSchema, key: true });
      }
      return out;
    }
    case 'array':
      return s.items ? [here, ...points(s.items, [...path, 0], maxDepth)] : [here];
    default:
      return [here];
  }
}

/** A copy of `root` with `value` at `path`; missing containers on the way are filled with valid samples. */
export function withValueAt(root: unknown, rootSchema: JsonSchema, point: Point, value: unknown, hints: Hints): unknown {
  if (point.path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  let schema = effective(rootSchema);
  for (let i = 0; i < point.path.length; i++) {
    const step = point.path[i]!;
    const last = i === point.path.length - 1;
    const childSchema = typeof step === 'number' ? (schema.items ?? {}) : (schema.properties?.[step] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {}));
    if (last) {
      // A key point puts a valid value under a hostile key (the value passed is the key).
      if (point.key) node[String(value)] = validSample(childSchema, String(step), hints, 1);
      else node[step] = value;
      break;
    }
    if (node[step] === undefined || node[step] === null || typeof node[step] !== 'object') {
      node[step] = validSample(childSchema, String(step), hints, i + 1);
      if (Array.isArray(node[step]) && (node[step] as unknown[]).length === 0) (node[step] as unknown[]).push(validSample(effective(childSchema).items ?? {}, String(step), hints, i + 2));
    }
    node = node[step] as Record<string | number, unknown>;
    schema = effective(childSchema);
  }
  return copy;
}

/** Strings that must be refused at the edge (400 TEXT_NOT_ALLOWED) wherever they go. */
export const REFUSED_STRINGS = ['walker\u0000nul', 'walker\uD800high', 'walker\uDC00low', 'walker\u0007bell'];

/** Strings that are text: they may be refused by validation, never answered with a 5xx. */
export const ODD_STRINGS = ['\u202Ewalker override\u202C', 'ا'.repeat(10_000)];

/** One more string per place, from a fixed seed: any UTF-16 code unit, so surrogates and controls too. */
export function seededStrings(count: number, seed = 1404): string[] {
  const unit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
  return fc.sample(fc.string({ unit, minLength: 1, maxLength: 40 }), { seed, numRuns: count });
}

/**
 * JSON nested 10,000 levels deep, for places that take any value (a form's answers). The value put
 * in the body is this marker; the request's text gets the nesting in its place (JSON.stringify
 * itself runs out of stack on it).
 */
export const DEEP_NESTING = 'walker-deep-nesting';
export const DEEP_NESTING_JSON = `${'['.repeat(10_000)}"walker"${']'.repeat(10_000)}`;

export const HUGE_NUMBERS = [1e308, -1e308, 2 ** 31, Number.MAX_SAFE_INTEGER + 2, 0.5];

/**
 * Hostile values for a place of this kind. `refused` is one of the strings the edge refuses at once
 * (the caller rotates through them, so every route meets each); `deep` are the values that may pass
 * validation and reach a handler and the database (sent once per distinct schema of an operation:
 * places that share a schema share their fate).
 */
export function hostileValues(kind: string, refused: string, seeded: string): { refused: unknown[]; deep: unknown[] } {
  switch (kind) {
    case 'string':
      return { refused: [refused], deep: [...ODD_STRINGS, seeded, 12345] };
    case 'any':
      return { refused: [refused], deep: [...ODD_STRINGS, seeded, 12345, DEEP_NESTING] };
    case 'enum':
      return { refused: [refused], deep: [ODD_STRINGS[1], 1] };
    case 'integer':
    case 'number':
      return { refused: [refused], deep: [...HUGE_NUMBERS, '5'] };
    case 'boolean':
      return { refused: [], deep: ['true', 1] };
    case 'object':
    case 'array':
      return { refused: [{ walker: refused }], deep: ['walker', kind === 'array' ? {} : [], null] };
    default:
      return { refused: [refused], deep: [] };
  }
}

/** True when a JSON value holds a string (or key) the edge must refuse (looked for 100 levels deep). */
export function holdsRefusedText(v: unknown, depth = 0): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (typeof v === 'string') return /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v);
  if (depth > 100 || !v || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => holdsRefusedText(x, depth + 1));
  return Object.entries(v).some(([k, x]) => holdsRefusedText(k, depth + 1) || holdsRefusedText(x, depth + 1));
}
