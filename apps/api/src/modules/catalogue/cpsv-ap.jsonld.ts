import type { EntryRow, LawBrief } from './catalogue-public.repository';
import { fa, inBoth, UsedConcepts, type ArchitectureTerm } from './cpsv-ap.skos';
import { CODE_LISTS } from './cpsv-ap.vocabularies';

/*
 * The public catalogue as a CPSV-AP 3.2 JSON-LD document (pure: the rows come in, the document goes
 * out). Every approved service is a cpsv:PublicService; the concepts it points at (channel types,
 * audiences, life events, classifications, the service architecture, the country and the currency)
 * follow it in @graph, each described once (cpsv-ap.skos.ts). cpsv-ap.shacl.test.ts validates the
 * result against the official CPSV-AP 3.2.0 SHACL shapes.
 *
 * IRIs (ADR 0011): records keep their URNs (RECORDS); code lists live under the deployment's
 * PUBLIC_BASE_URL, where they are served.
 */

/** The IRI base of Dargah's records (services, agencies, laws, licences): independent of any host. */
export const RECORDS = 'urn:ir:dargah';

/** The service norm (working days) as an xsd:duration. */
export const processingTime = (days: number) => `P${days}D`;

const id = (iri: string) => ({ '@id': iri, '@type': '@id' });

export const CPSV_CONTEXT = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  schema: 'http://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  eli: 'http://data.europa.eu/eli/ontology#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  time: 'http://www.w3.org/2006/time#',
  locn: 'http://www.w3.org/ns/locn#',
  PublicService: 'cpsv:PublicService',
  PublicOrganisation: 'cv:PublicOrganisation',
  LegalResource: 'eli:LegalResource',
  Requirement: 'cv:Requirement',
  Evidence: 'cv:Evidence',
  Output: 'cv:Output',
  Cost: 'cv:Cost',
  Channel: 'cv:Channel',
  ContactPoint: 'cv:ContactPoint',
  Event: 'cv:Event',
  LifeEvent: 'cv:LifeEvent',
  Location: 'dct:Location',
  /** The class the CPSV-AP 3.2.0 SHACL requires of a PublicOrganisation's dct:spatial (an administrative unit). */
  AdministrativeTerritorialUnit: 'http://data.europa.eu/88u/dataset/atu-type',
  TemporalEntity: 'time:TemporalEntity',
  Address: 'locn:Address',
  Concept: 'skos:Concept',
  ConceptScheme: 'skos:ConceptScheme',
  identifier: 'dct:identifier',
  name: 'dct:title',
  title: 'dct:title',
  description: 'dct:description',
  prefLabel: 'skos:prefLabel',
  definition: 'skos:definition',
  notation: 'skos:notation',
  inScheme: id('skos:inScheme'),
  topConceptOf: id('skos:topConceptOf'),
  hasTopConcept: id('skos:hasTopConcept'),
  broader: id('skos:broader'),
  type: id('dct:type'),
  audience: id('dct:audience'),
  isClassifiedBy: id('cv:isClassifiedBy'),
  sector: id('cv:sector'),
  thematicArea: id('cv:thematicArea'),
  hasCompetentAuthority: 'cv:hasCompetentAuthority',
  hasLegalResource: 'cv:hasLegalResource',
  holdsRequirement: 'cv:holdsRequirement',
  hasSupportingEvidence: 'cv:hasSupportingEvidence',
  hasInput: id('cpsv:hasInput'),
  produces: 'cpsv:produces',
  contactPoint: 'cv:contactPoint',
  processingTime: { '@id': 'cv:processingTime', '@type': 'xsd:duration' },
  hasCost: 'cv:hasCost',
  value: { '@id': 'cv:hasValue', '@type': 'xsd:double' },
  currency: id('cv:currency'),
  hasChannel: 'cv:hasChannel',
  isGroupedBy: 'cv:isGroupedBy',
  spatial: 'dct:spatial',
  homepage: 'foaf:homepage',
  url: 'schema:url',
  address: 'locn:address',
  fullAddress: 'locn:fullAddress',
  adminUnitL2: 'locn:adminUnitL2',
  openingHours: 'cv:openingHours',
  /** An office channel's phone. */
  telephone: 'schema:telephone',
  /** A contact point's phone (CPSV-AP's cv:telephone). */
  contactTelephone: 'cv:telephone',
};

/** What the export reads besides the catalogue entries. */
export interface ExportInputs {
  /** PUBLIC_BASE_URL: where the vocabularies are served. */
  base: string;
  laws: ReadonlyMap<string, LawBrief>;
  /** The active licence of the register each service id delivers (its output), by service id. */
  licences: ReadonlyMap<string, { id: string; title: string }>;
  /** The service architecture's domains and categories, by id. */
  architecture: ReadonlyMap<string, ArchitectureTerm>;
}

type Node = Record<string, unknown>;
const present = <T>(xs: ReadonlyArray<T | undefined>): T[] => xs.filter((x): x is T => x !== undefined);
/** `{ key: xs }`, or nothing when xs is empty (CPSV-AP has no use for empty lists). */
const some = (key: string, xs: readonly unknown[]) => (xs.length ? { [key]: xs } : {});
/** `{ key: x }`, or nothing when x is undefined. */
const one = (key: string, x: string | undefined) => (x === undefined ? {} : { [key]: x });

/** The whole catalogue: each service, then the concepts and schemes they use. */
export function catalogueDocument(entries: readonly EntryRow[], x: ExportInputs): Node {
  const used = new UsedConcepts(x.base, x.architecture);
  const services = entries.map((e) => publicService(e, x, used));
  return { '@context': CPSV_CONTEXT, '@graph': [...services, ...used.nodes()] };
}

/** A graph of SKOS nodes (cpsv-ap.skos.ts) as a document. */
export const skosDocument = (graph: Node[]): Node => ({ '@context': CPSV_CONTEXT, '@graph': graph });

/** One service being mapped, and what its parts need. */
interface Scope {
  e: EntryRow;
  c: EntryRow['content'];
  /** The service's IRI. */
  iri: string;
  x: ExportInputs;
  used: UsedConcepts;
}

/** A node of the service: its IRI a fragment of the service's, its identifier the service id and the fragment. */
const part = (s: Scope, type: string, name: string, i?: number) => {
  const local = i === undefined ? name : `${name}-${i + 1}`;
  return { '@id': `${s.iri}#${local}`, '@type': type, identifier: `${s.e.serviceId}-${local}` };
};

function publicService(e: EntryRow, x: ExportInputs, used: UsedConcepts): Node {
  const s: Scope = { e, c: e.content, iri: `${RECORDS}/services/${e.serviceId}`, x, used };
  const c = e.content;
  return {
    '@id': s.iri,
    '@type': 'PublicService',
    identifier: e.serviceId,
    name: [fa(e.title)],
    description: [fa(c.description ?? e.title)],
    hasCompetentAuthority: {
      '@id': `${RECORDS}/agencies/${e.agencyId}`,
      '@type': 'PublicOrganisation',
      identifier: e.agencyLegalId,
      prefLabel: inBoth([e.agencyName, e.agencyNameEn]),
      // Required (CPSV-AP 3.2): the province of a provincial agency, or else the whole country.
      spatial: e.province
        ? { '@type': ['Location', 'AdministrativeTerritorialUnit'], prefLabel: [fa(e.province)] }
        : { '@id': used.authority('iran') },
    },
    ...some('audience', present(e.recipients.map((r) => used.code('recipients', r)))),
    ...some(
      'isClassifiedBy',
      present([
        used.code('service-natures', c.nature),
        used.code('service-levels', e.level),
        used.code('start-modes', c.startMode),
        used.code('maturity-levels', e.maturity),
      ]),
    ),
    // The macro domain is the sector the service belongs to; its category the thematic area.
    ...some('sector', present([used.term(e.domainId)])),
    ...some('thematicArea', present([used.term(e.categoryId)])),
    ...legalResources(s),
    ...documents(s),
    ...output(s),
    ...(c.process?.normDays === undefined ? {} : { processingTime: processingTime(c.process.normDays) }),
    ...some(
      'hasCost',
      (c.fees ?? []).map((f, i) => ({
        ...part(s, 'Cost', 'cost', i),
        ...(f.title ? { description: [fa(f.title)] } : {}),
        value: f.amountRials ?? 0,
        currency: used.authority('rial'),
      })),
    ),
    ...channels(s),
    ...some(
      'isGroupedBy',
      e.lifeEvents.map((ev) => ({
        '@id': `${RECORDS}/life-events/${ev}`,
        '@type': ['Event', 'LifeEvent'],
        identifier: ev,
        name: inBoth(CODE_LISTS['life-events'].concepts.find(([code]) => code === ev)?.[1] ?? [ev, null]),
        ...one('type', used.code('life-events', ev)),
      })),
    ),
    ...(e.province
      ? { spatial: { '@type': 'Location', prefLabel: [fa(e.province)] } }
      : e.level === 'national'
        ? { spatial: { '@id': used.authority('iran') } }
        : {}),
  };
}

/** The laws the card cites, each with the articles cited. */
function legalResources({ c, x }: Scope): Node {
  const cited = c.legalBasis ?? [];
  const laws = [...new Set(cited.map((r) => r.lawId))].flatMap((lawId) => {
    const law = x.laws.get(lawId);
    if (!law) return [];
    const articles = cited.filter((r) => r.lawId === lawId).map((r) => r.article);
    return [
      {
        '@id': law.link ?? `${RECORDS}/laws/${law.id}`,
        '@type': 'LegalResource',
        identifier: law.number ?? law.id,
        name: [fa(law.title)],
        description: [fa(`مواد ${articles.join('، ')}`)],
      },
    ];
  });
  return some('hasLegalResource', laws);
}

/** Each document is a requirement met by a piece of evidence; the mandatory ones are the service's inputs. */
function documents(s: Scope): Node {
  const docs = s.c.documents ?? [];
  const evidence = (i: number) => part(s, 'Evidence', 'evidence', i);
  return {
    ...some(
      'holdsRequirement',
      docs.map((d, i) => ({
        ...part(s, 'Requirement', 'requirement', i),
        name: [fa(d.title ?? d.evidenceType ?? 'مدرک')],
        hasSupportingEvidence: [{ ...evidence(i), name: [fa(d.evidenceType ?? d.title ?? 'مدرک')] }],
      })),
    ),
    ...some(
      'hasInput',
      docs.flatMap((d, i) => (d.mandatory ? [evidence(i)['@id']] : [])),
    ),
  };
}

/** What the service produces: the licence of the register it delivers, else the card's delivery stage. */
function output(s: Scope): Node {
  const licence = s.x.licences.get(s.e.serviceId);
  const delivered = s.c.process?.delivery?.description;
  if (!licence && !delivered) return {};
  return {
    produces: [
      {
        ...(licence
          ? { '@id': `${RECORDS}/licences/${licence.id}`, '@type': 'Output', identifier: licence.id }
          : part(s, 'Output', 'output')),
        name: [fa(licence?.title ?? `نتیجهٔ خدمت «${s.e.title}»`)],
        ...(delivered ? { description: [fa(delivered)] } : {}),
      },
    ],
  };
}

/** One channel per kind the card names, one per office; and each office's phone and hours as a contact point. */
function channels(s: Scope): Node {
  const { c, used } = s;
  const channelType = (k: string) => one('type', used.code('channel-types', k));
  const kinds = [
    ...new Set([...(c.channels?.information ?? []), ...(c.channels?.request ?? []), ...(c.channels?.delivery ?? [])]),
  ];
  const offices = c.offices ?? [];
  const hours = (i: number) => `${s.iri}#office-${i + 1}-hours`;
  return {
    ...some('hasChannel', [
      ...kinds.map((k) => ({
        ...part(s, 'Channel', `channel-${k}`),
        ...channelType(k),
        ...((k === 'web' || k === 'mobile_app') && c.channels?.eServiceUrl ? { url: c.channels.eServiceUrl } : {}),
      })),
      // Each office is an in-person channel with its opening hours, address and phone.
      ...offices.map((o, i) => ({
        ...part(s, 'Channel', 'office', i),
        ...channelType('in_person'),
        name: [fa(o.name)],
        ...(o.hours
          ? { openingHours: [{ '@id': hours(i), '@type': 'TemporalEntity', description: [fa(o.hours)] }] }
          : {}),
        ...(o.address || o.province
          ? {
              address: {
                '@type': 'Address',
                ...(o.address ? { fullAddress: [fa(o.address)] } : {}),
                ...(o.province ? { adminUnitL2: [fa(o.province)] } : {}),
              },
            }
          : {}),
        ...(o.phone ? { telephone: o.phone } : {}),
      })),
    ]),
    // Where to reach the service: an office's phone and its opening hours (the same node as the channel's).
    ...some(
      'contactPoint',
      offices.flatMap((o, i) =>
        o.phone || o.hours
          ? [
              {
                '@id': `${s.iri}#contact-${i + 1}`,
                '@type': 'ContactPoint',
                ...(o.phone ? { contactTelephone: o.phone } : {}),
                ...(o.hours ? { openingHours: [{ '@id': hours(i) }] } : {}),
              },
            ]
          : [],
      ),
    ),
  };
}
