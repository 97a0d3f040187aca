import { NO_AREAS, type Areas } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { Actor } from './actor';
import type { AppContext } from './context';
import { ErrorCatalogue, platformErrors, type ErrorTable, type FieldTable } from './http/errors';
import { platformFieldMessages } from './http/validation';
import type { ModuleGauge } from './metrics';

/*
 * The module contract (ADR 0013): what a domain capability gives the app, and what the app offers
 * it back. `modules/index.ts` only lists the modules; app.ts and bootstrap.ts walk the list.
 */

/** What the app offers every module when it registers: answers that need all the modules. */
export interface ModuleHost {
  /** The areas the actor may open, each answered by the module that owns it (see `areasOf`). */
  areasOf: (actor: Actor) => Promise<Areas>;
}

/** A domain capability: its routes under /api/v1, its jobs, its codes as data and its areas. */
export interface AppModule {
  name: string;
  register(app: FastifyInstance, ctx: AppContext, host: ModuleHost): Promise<void>;
  /** Defines the module's job kinds in ctx.jobs; called for servers and workers alike. */
  defineJobs?(ctx: AppContext): void;
  /**
   * The module's error codes (`defineErrors` tables: HTTP status, fa and en text). The app joins
   * them with the platform's when it is built and refuses a code declared twice.
   */
  errors: readonly ErrorTable[];
  /**
   * The module's field codes (`defineFieldMessages(...).table`), for the problems it puts in
   * `details.fields` and for codes its zod schemas raise (`params: { code }`), which the platform's
   * validation errors name in the caller's language.
   */
  fields?: readonly FieldTable[];
  /**
   * The areas of Dargah this module owns that the actor may open, decided by the same policy
   * functions its endpoints apply (so a granted area is never refused, a denied one never offered).
   */
  areas?(ctx: AppContext, actor: Actor): Promise<Partial<Areas>> | Partial<Areas>;
  /** Figures for /metrics the module reads from its own tables at scrape time (ADR 0025). */
  gauges?: readonly ModuleGauge[];
}

/**
 * The app's one catalogue of codes: the platform's and every module's, each declared once. Throws
 * DuplicateCodeError naming both owners when two tables declare the same code.
 */
export function catalogueOf(modules: readonly AppModule[]): ErrorCatalogue {
  return new ErrorCatalogue({
    errors: [{ owner: 'platform', table: platformErrors }, ...modules.flatMap((m) => m.errors.map((table) => ({ owner: m.name, table })))],
    fields: [{ owner: 'platform', table: platformFieldMessages }, ...modules.flatMap((m) => (m.fields ?? []).map((table) => ({ owner: m.name, table })))],
  });
}

/** Every module's answer for the actor, merged over "nothing open". */
export async function areasOf(modules: readonly AppModule[], ctx: AppContext, actor: Actor): Promise<Areas> {
  const parts = await Promise.all(modules.map(async (m) => (await m.areas?.(ctx, actor)) ?? {}));
  return Object.assign({ ...NO_AREAS }, ...parts) as Areas;
}

/** The module host the app hands every module. */
export const moduleHost = (modules: readonly AppModule[], ctx: AppContext): ModuleHost => ({ areasOf: (actor) => areasOf(modules, ctx, actor) });
