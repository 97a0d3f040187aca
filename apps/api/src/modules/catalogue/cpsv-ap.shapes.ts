/*
 * The property constraints of the CPSV-AP 3.2.0 application profile, as data, for every class the
 * catalogue export (GET /api/v1/catalogue/cpsv-ap.jsonld) emits.
 *
 * Source: the published SHACL of CPSV-AP 3.2.0, SEMICeu/CPSV-AP `releases/3.2.0/shacl/cpsv-ap-SHACL.ttl`
 * (https://semiceu.github.io/CPSV-AP/releases/3.2.0/). Each node shape there targets one class; its
 * property shapes give sh:minCount, sh:maxCount, sh:datatype or sh:class (no sh:nodeKind is used).
 * Here sh:datatype becomes kind 'literal' with that datatype and sh:class becomes kind 'node' with
 * that class. Every shape is open (sh:closed false): properties not listed are allowed.
 *
 * The 3.2.0 SHACL gives no datatype for dct:identifier (it is free), and names the class of
 * PublicOrganisation's dct:spatial (an Administrative Territorial Unit) with the IRI
 * http://data.europa.eu/88u/dataset/atu-type; both are kept as published.
 */

export const NS = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  adms: 'http://www.w3.org/ns/adms#',
  eli: 'http://data.europa.eu/eli/ontology#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  locn: 'http://www.w3.org/ns/locn#',
  org: 'http://www.w3.org/ns/org#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  time: 'http://www.w3.org/2006/time#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** 'literal': a literal; 'iri': a named resource (not a blank node); 'node': any resource, named or blank. */
export type ValueKind = 'literal' | 'iri' | 'node';

export interface PropertyShape {
  /** The property IRI (sh:path). */
  path: string;
  /** sh:minCount (0 when the property is optional). */
  minCount: number;
  /** sh:maxCount, when bounded. */
  maxCount?: number;
  kind?: ValueKind;
  /** sh:datatype of a literal (rdf:langString for a language-tagged string). */
  datatype?: string;
  /** sh:class of a resource. */
  class?: string;
}

const { cpsv, cv, dct, dcat, adms, eli, foaf, locn, org, rdf, skos, time, xsd } = NS;

export const LANG_STRING = `${rdf}langString`;
export const ATU_CLASS = 'http://data.europa.eu/88u/dataset/atu-type';

export const CLASSES = {
  PublicService: `${cpsv}PublicService`,
  PublicOrganisation: `${cv}PublicOrganisation`,
  Channel: `${cv}Channel`,
  Cost: `${cv}Cost`,
  Requirement: `${cv}Requirement`,
  Evidence: `${cv}Evidence`,
  LegalResource: `${eli}LegalResource`,
  Event: `${cv}Event`,
  LifeEvent: `${cv}LifeEvent`,
  Location: `${dct}Location`,
  Address: `${locn}Address`,
  TemporalEntity: `${time}TemporalEntity`,
} as const;

const text = (path: string, minCount = 0, maxCount?: number): PropertyShape => ({
  path,
  minCount,
  ...(maxCount === undefined ? {} : { maxCount }),
  kind: 'literal',
  datatype: LANG_STRING,
});
const ref = (path: string, cls: string, minCount = 0, maxCount?: number): PropertyShape => ({
  path,
  minCount,
  ...(maxCount === undefined ? {} : { maxCount }),
  kind: 'node',
  class: cls,
});
const identifier: PropertyShape = { path: `${dct}identifier`, minCount: 1, maxCount: 1 };
const duration: PropertyShape = {
  path: `${cv}processingTime`,
  minCount: 0,
  maxCount: 1,
  kind: 'literal',
  datatype: `${xsd}duration`,
};

/** Class IRI → its property constraints (CPSV-AP 3.2.0 SHACL). */
export const CPSV_AP_SHAPES: Readonly<Record<string, readonly PropertyShape[]>> = {
  // PublicServiceShape
  [CLASSES.PublicService]: [
    identifier,
    text(`${dct}title`, 1),
    text(`${dct}description`, 1),
    ref(`${cv}hasCompetentAuthority`, CLASSES.PublicOrganisation, 1),
    duration,
    ref(`${adms}status`, `${skos}Concept`, 0, 1),
    ref(`${cv}hasChannel`, CLASSES.Channel),
    ref(`${cv}hasCost`, CLASSES.Cost),
    ref(`${cv}holdsRequirement`, CLASSES.Requirement),
    ref(`${cpsv}hasInput`, CLASSES.Evidence),
    ref(`${cv}hasInputType`, `${cv}EvidenceType`),
    ref(`${cv}hasLegalResource`, CLASSES.LegalResource),
    ref(`${cv}isGroupedBy`, CLASSES.Event),
    ref(`${dct}spatial`, CLASSES.Location),
    ref(`${dct}language`, `${dct}LinguisticSystem`),
    ref(`${cv}relatedService`, CLASSES.PublicService),
    ref(`${dct}requires`, CLASSES.PublicService),
    ref(`${cv}sector`, `${skos}Concept`),
    ref(`${cv}thematicArea`, `${skos}Concept`),
    ref(`${cv}isClassifiedBy`, `${skos}Concept`),
    ref(`${dct}audience`, `${skos}Concept`),
    ref(`${dct}type`, `${skos}Concept`), // functions of government
    text(`${dcat}keyword`),
    ref(`${cpsv}produces`, `${cv}Output`),
    ref(`${dct}isPartOf`, `${dcat}Dataset`),
    ref(`${cv}contactPoint`, `${cv}ContactPoint`),
    ref(`${cpsv}follows`, `${cpsv}Rule`),
    ref(`${cv}hasParticipation`, `${cv}Participation`),
  ],
  // PublicOrganisationShape
  [CLASSES.PublicOrganisation]: [text(`${skos}prefLabel`, 1), ref(`${dct}spatial`, ATU_CLASS, 1)],
  // ChannelShape
  [CLASSES.Channel]: [
    identifier,
    ref(`${dct}type`, `${skos}Concept`, 0, 1),
    duration,
    text(`${dct}description`),
    ref(`${cv}openingHours`, CLASSES.TemporalEntity),
    ref(`${cv}specialOpeningHoursSpecification`, CLASSES.TemporalEntity),
    ref(`${cv}ownedBy`, `${org}Organization`),
    ref(`${cpsv}hasInput`, CLASSES.Evidence),
  ],
  // CostShape
  [CLASSES.Cost]: [
    identifier,
    { path: `${cv}hasValue`, minCount: 0, maxCount: 1, kind: 'literal', datatype: `${xsd}double` },
    ref(`${cv}currency`, `${skos}Concept`, 0, 1),
    text(`${dct}description`),
    ref(`${cv}ifAccessedThrough`, CLASSES.Channel, 0, 1),
    ref(`${cv}isDefinedBy`, `${org}Organization`),
  ],
  // RequirementShape
  [CLASSES.Requirement]: [
    identifier,
    text(`${dct}title`, 1),
    ref(`${dct}type`, `${skos}Concept`),
    ref(`${cv}hasSupportingEvidence`, CLASSES.Evidence),
    ref(`${cv}fulfils`, `${cpsv}Rule`),
  ],
  // EvidenceShape
  [CLASSES.Evidence]: [
    identifier,
    text(`${dct}title`, 1),
    text(`${dct}description`),
    ref(`${dct}type`, `${skos}Concept`, 0, 1),
    ref(`${dct}conformsTo`, `${cv}EvidenceType`),
    ref(`${dct}language`, `${dct}LinguisticSystem`),
    ref(`${cv}supportsRequirement`, CLASSES.Requirement),
    ref(`${foaf}page`, `${foaf}Document`),
  ],
  // LegalResourceShape
  [CLASSES.LegalResource]: [ref(`${dct}relation`, CLASSES.LegalResource)],
  // EventShape
  [CLASSES.Event]: [
    identifier,
    text(`${dct}title`, 1),
    text(`${dct}description`),
    ref(`${cv}hasRelatedService`, CLASSES.PublicService),
  ],
  // LifeEventShape
  [CLASSES.LifeEvent]: [ref(`${dct}type`, `${skos}Concept`)],
  // LocationShape (no property constraints)
  [CLASSES.Location]: [],
  // AddressShape
  [CLASSES.Address]: [
    text(`${locn}fullAddress`),
    text(`${locn}thoroughfare`),
    text(`${locn}locatorName`),
    text(`${locn}addressArea`),
    text(`${locn}postName`),
    text(`${locn}adminUnitL1`),
    text(`${locn}adminUnitL2`),
  ],
  // TemporalEntityShape
  [CLASSES.TemporalEntity]: [text(`${dct}description`), ref(`${cv}frequency`, `${skos}Concept`)],
};

// Checking an expanded JSON-LD document against the shapes ----------------------------------------
type Value = { kind: 'literal'; value: unknown; datatype: string } | { kind: 'resource'; id: string; blank: boolean };

interface GraphNode {
  id: string;
  blank: boolean;
  types: Set<string>;
  props: Map<string, Value[]>;
}

export interface Violation {
  /** The node's IRI, or a blank node label with where it was found. */
  node: string;
  class: string;
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** An IRI in its prefixed form when a known namespace applies (for readable reports). */
export function short(iri: string): string {
  for (const [prefix, ns] of Object.entries(NS)) if (iri.startsWith(ns)) return `${prefix}:${iri.slice(ns.length)}`;
  return iri;
}

function literalDatatype(v: Record<string, unknown>): string {
  if (typeof v['@language'] === 'string') return LANG_STRING;
  if (typeof v['@type'] === 'string') return v['@type'];
  const x = v['@value'];
  if (typeof x === 'boolean') return `${NS.xsd}boolean`;
  if (typeof x === 'number') return Number.isInteger(x) ? `${NS.xsd}integer` : `${NS.xsd}double`;
  return `${NS.xsd}string`;
}

/**
 * Every node of an expanded JSON-LD document (the output of jsonld.expand), nested ones included;
 * a node described in several places (the same @id) is merged, identical values counted once.
 */
export function collectNodes(expanded: readonly unknown[]): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  let blanks = 0;
  const visit = (obj: Record<string, unknown>, where: string): GraphNode => {
    const named = typeof obj['@id'] === 'string' && !obj['@id'].startsWith('_:');
    const id = named ? (obj['@id'] as string) : `_:b${++blanks} (${where})`;
    let node = nodes.get(id);
    if (!node) {
      node = { id, blank: !named, types: new Set(), props: new Map() };
      nodes.set(id, node);
    }
    for (const t of asArray(obj['@type'])) if (typeof t === 'string') node.types.add(t);
    for (const [key, raw] of Object.entries(obj)) {
      if (key.startsWith('@')) continue;
      const values = node.props.get(key) ?? [];
      node.props.set(key, values);
      for (const v of asArray(raw)) {
        let value: Value;
        if (isObject(v) && '@value' in v) value = { kind: 'literal', value: v['@value'], datatype: literalDatatype(v) };
        else if (isObject(v) && !('@list' in v) && !('@set' in v)) {
          const child = visit(v, `${short(key)} of ${id}`);
          value = { kind: 'resource', id: child.id, blank: child.blank };
        } else value = { kind: 'literal', value: v, datatype: 'unsupported' };
        const key2 = JSON.stringify(value);
        if (!values.some((x) => JSON.stringify(x) === key2)) values.push(value);
      }
    }
    return node;
  };
  for (const top of expanded) {
    if (!isObject(top)) continue;
    // A top-level @graph (a named or default graph object): its members are the nodes.
    if ('@graph' in top && Object.keys(top).every((k) => k === '@graph' || k === '@id')) {
      for (const n of asArray(top['@graph'])) if (isObject(n)) visit(n, 'graph');
    } else visit(top, 'top level');
  }
  return nodes;
}

/**
 * Checks every node of each class that has a shape: minCount, maxCount, literal or resource (and
 * named resource for 'iri'), the datatype of literals, and the class of resources. A class is
 * checked against the types the document gives the value; a named resource the document does not
 * describe (a code of an external controlled vocabulary, as in the CPSV-AP examples) is taken as is,
 * while a blank node must carry the class.
 */
export function checkShapes(
  expanded: readonly unknown[],
  shapes: Readonly<Record<string, readonly PropertyShape[]>> = CPSV_AP_SHAPES,
): Violation[] {
  const nodes = collectNodes(expanded);
  const out: Violation[] = [];
  for (const node of nodes.values()) {
    for (const cls of node.types) {
      for (const p of shapes[cls] ?? []) {
        const report = (message: string) =>
          out.push({ node: node.id, class: short(cls), path: short(p.path), message });
        const values = node.props.get(p.path) ?? [];
        if (values.length < p.minCount) report(`needs at least ${p.minCount} value(s), has ${values.length}`);
        if (p.maxCount !== undefined && values.length > p.maxCount)
          report(`allows at most ${p.maxCount} value(s), has ${values.length}`);
        for (const v of values) {
          const shown = v.kind === 'literal' ? JSON.stringify(v.value) : v.id;
          if (p.kind === 'literal' && v.kind !== 'literal') report(`${shown} must be a literal, is a resource`);
          if ((p.kind === 'node' || p.kind === 'iri') && v.kind !== 'resource')
            report(`${shown} must be a resource, is a literal`);
          if (p.kind === 'iri' && v.kind === 'resource' && v.blank) report(`${shown} must be an IRI, is a blank node`);
          if (p.datatype && v.kind === 'literal' && v.datatype !== p.datatype)
            report(`${shown} must be a ${short(p.datatype)}, is a ${short(v.datatype)}`);
          if (p.class && v.kind === 'resource') {
            const target = nodes.get(v.id);
            const types = target?.types ?? new Set<string>();
            if ((v.blank || types.size > 0) && !types.has(p.class))
              report(`${shown} must be a ${short(p.class)}, is ${[...types].map(short).join(', ') || 'untyped'}`);
          }
        }
      }
    }
  }
  return out;
}

/** One line per violation: node, class, path and what is wrong. */
export const formatViolations = (vs: readonly Violation[]) =>
  vs.map((v) => `${v.node} [${v.class}] ${v.path}: ${v.message}`).join('\n');
