import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { catalogueJsonLd, getVocabulary, listVocabularies } from './cpsv-ap.service';

const tags = ['catalogue'];
const pub = { access: 'public' as const };
const JSON_LD = 'application/ld+json; charset=utf-8';
const JsonLdDocument = z.record(z.string(), z.unknown());

/**
 * The catalogue for other systems (ADR 0011): the CPSV-AP 3.2 export and the SKOS concept schemes
 * its concepts belong to. Public, read-only, JSON-LD; IRIs under PUBLIC_BASE_URL, never the Host header.
 */
export async function cpsvApRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/catalogue/cpsv-ap.jsonld',
    {
      config: pub,
      schema: {
        tags,
        summary:
          'The whole catalogue as CPSV-AP 3.2 JSON-LD: each approved service a cpsv:PublicService, then every concept it uses (skos:Concept with its labels and scheme)',
        response: { 200: JsonLdDocument },
      },
    },
    async (_req, reply) => reply.type(JSON_LD).send(await catalogueJsonLd(ctx)),
  );

  r.get(
    '/catalogue/vocabularies',
    {
      config: pub,
      schema: {
        tags,
        summary: "Dargah's code lists as SKOS concept schemes (JSON-LD): channel types, recipients, life events, …",
        response: { 200: JsonLdDocument },
      },
    },
    async (_req, reply) => reply.type(JSON_LD).send(listVocabularies(ctx)),
  );

  r.get(
    '/catalogue/vocabularies/:scheme',
    {
      config: pub,
      schema: {
        tags,
        summary:
          'One concept scheme with all its concepts (skos:prefLabel in Persian and English, skos:notation); a concept is {this URL}#{code}',
        params: z.object({ scheme: z.string().max(100) }),
        response: { 200: JsonLdDocument },
      },
    },
    async (req, reply) => reply.type(JSON_LD).send(await getVocabulary(ctx, req.params.scheme)),
  );
}
