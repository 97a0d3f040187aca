// @ts-check
/**
 * The roles of the files inside an API module (apps/api/src/modules/<module>/), in one place.
 *
 * A file's role comes from the end of its name (`catalogue.routes.ts` is `routes`,
 * `requests-workflow.ts` is `workflow`); a module file whose name matches no role is refused, so
 * a new kind of file is declared here (with its rank) before it is written.
 *
 * Inside a module a file may import a file of its own role or of a lower rank, never a higher one;
 * `never` lists roles it may not import whatever their rank; a `pure` file imports values only
 * from pure files of its module and from packages (types may come from anywhere: they vanish at
 * run time). Tests (`.test`) may import anything in their module.
 *
 * @typedef {{ role: string, rank: number, suffixes: string[], pure?: boolean, never?: string[], what: string }} Role
 * @type {readonly Role[]}
 */
export const ROLES = [
  { role: 'test', rank: Infinity, suffixes: ['.test'], what: 'tests beside the code they test' },
  { role: 'index', rank: 100, suffixes: [], what: 'index.ts: what other modules and the app may use of this module' },
  {
    role: 'routes',
    rank: 90,
    suffixes: ['.routes'],
    never: ['repository'],
    what: 'thin HTTP handlers: parse, call one service function, send',
  },
  {
    role: 'hooks',
    rank: 85,
    suffixes: ['.hooks'],
    never: ['repository'],
    what: 'Fastify hooks that every route passes through (who is calling)',
  },
  {
    role: 'service',
    rank: 70,
    suffixes: ['.service'],
    what: 'use cases: the transaction with its change, event, audit entry and jobs',
  },
  {
    role: 'export',
    rank: 65,
    suffixes: ['.export', '.jsonld', '.skos'],
    what: 'documents for people and other systems: CSV/XLSX, JSON-LD, SKOS',
  },
  { role: 'jobs', rank: 60, suffixes: ['.jobs'], what: 'job payload schemas and idempotent handlers' },
  {
    role: 'policy',
    rank: 50,
    suffixes: ['.policy'],
    never: ['repository'],
    what: 'who may do what, decided on facts handed in',
  },
  {
    role: 'notifications',
    rank: 40,
    suffixes: ['.notifications'],
    what: "the module's message templates (platform/notify)",
  },
  {
    role: 'parse',
    rank: 40,
    suffixes: ['.parse', '.columns'],
    what: 'reading and checking what callers send: uploaded files, form answers',
  },
  { role: 'repository', rank: 30, suffixes: ['.repository'], what: "the only SQL, for the module's own tables" },
  {
    role: 'model',
    rank: 12,
    suffixes: ['.model', '.vocabularies'],
    pure: true,
    what: 'pure values and rules: ids, check digits, masks, diffs, code lists',
  },
  {
    role: 'workflow',
    rank: 10,
    suffixes: ['-workflow', '.workflow'],
    pure: true,
    what: 'pure status and transition tables',
  },
  { role: 'schemas', rank: 5, suffixes: ['.schemas'], what: "zod schemas and types of the module's own views" },
  {
    role: 'errors',
    rank: 0,
    suffixes: ['.errors'],
    what: "the module's error codes with their HTTP status and fa/en text",
  },
];

/** @param {string} base a file name without its extension @returns {Role | undefined} */
export function roleOf(base) {
  if (base === 'index') return ROLES.find((r) => r.role === 'index');
  return ROLES.find((r) => r.suffixes.some((s) => base.endsWith(s) && base.length > s.length));
}
