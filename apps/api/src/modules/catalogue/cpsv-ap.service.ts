import type { AppContext } from '../../platform/context';
import { lawsByIds } from '../laws';
import { activeLicencesByService } from '../licences';
import { architectureConcepts } from '../service-architecture';
import * as repo from './catalogue-public.repository';
import { catalogueDocument, skosDocument } from './cpsv-ap.jsonld';
import { architectureGraph, codeListGraph, schemesGraph, type ArchitectureTerm } from './cpsv-ap.skos';
import { ARCHITECTURE_SCHEME, isCodeList } from './cpsv-ap.vocabularies';
import { CatalogueError } from './catalogue.errors';

/*
 * The catalogue for other systems (ADR 0011): every approved service as CPSV-AP 3.2 JSON-LD, and
 * the code lists it uses as SKOS concept schemes, with IRIs under PUBLIC_BASE_URL. Reads only.
 */

const architectureTerms = (ctx: AppContext): Promise<ArchitectureTerm[]> => architectureConcepts(ctx.database.db);

/** GET /catalogue/cpsv-ap.jsonld: the whole catalogue as a CPSV-AP 3.2 JSON-LD document. */
export async function catalogueJsonLd(ctx: AppContext): Promise<Record<string, unknown>> {
  const db = ctx.database.db;
  const entries = await repo.allEntries(db);
  const laws = await lawsByIds(db, [
    ...new Set(entries.flatMap((e) => (e.content.legalBasis ?? []).map((r) => r.lawId))),
  ]);
  const licences = await activeLicencesByService(
    db,
    entries.map((e) => e.serviceId),
  );
  const terms = await architectureTerms(ctx);
  return catalogueDocument(entries, {
    base: ctx.config.PUBLIC_BASE_URL,
    laws,
    licences,
    architecture: new Map(terms.map((t) => [t.id, t])),
  });
}

/** GET /catalogue/vocabularies: every published concept scheme. */
export const listVocabularies = (ctx: AppContext) => skosDocument(schemesGraph(ctx.config.PUBLIC_BASE_URL));

/** GET /catalogue/vocabularies/{scheme}: the scheme and its concepts; VOCABULARY_NOT_FOUND for any other name. */
export async function getVocabulary(ctx: AppContext, scheme: string): Promise<Record<string, unknown>> {
  const base = ctx.config.PUBLIC_BASE_URL;
  if (isCodeList(scheme)) return skosDocument(codeListGraph(base, scheme));
  if (scheme === ARCHITECTURE_SCHEME) return skosDocument(architectureGraph(base, await architectureTerms(ctx)));
  throw new CatalogueError('VOCABULARY_NOT_FOUND', { scheme });
}
