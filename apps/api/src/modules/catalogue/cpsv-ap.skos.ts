import {
  ARCHITECTURE_LABELS,
  ARCHITECTURE_SCHEME,
  AUTHORITY,
  CODE_LISTS,
  codeLabels,
  isCodeList,
  SCHEME_SLUGS,
  type CodeListSlug,
  type Labels,
} from './cpsv-ap.vocabularies';

/*
 * The SKOS side of the CPSV-AP export (ADR 0011): the IRIs of Dargah's concept schemes and concepts,
 * their nodes (as compact JSON-LD under the export's context, cpsv-ap.jsonld.ts), the graphs served
 * at /api/v1/catalogue/vocabularies, and UsedConcepts, which collects the concepts the export points
 * at so that it can describe each of them once. Pure: the service architecture comes in as rows.
 */

/** A macro domain (domainId null) or a category of the service architecture. */
export interface ArchitectureTerm {
  id: string;
  code: string;
  titleFa: string;
  titleEn: string | null;
  domainId: string | null;
}

type Node = Record<string, unknown>;

/** The IRI of a scheme: where it is served. */
export const schemeIri = (base: string, slug: string) => `${base}/api/v1/catalogue/vocabularies/${slug}`;
/** The IRI of a concept: a fragment of its scheme's document, so resolving the scheme resolves it. */
export const conceptIri = (base: string, slug: string, code: string) => `${schemeIri(base, slug)}#${code}`;

export const fa = (value: string) => ({ '@value': value, '@language': 'fa' });
export const en = (value: string) => ({ '@value': value, '@language': 'en' });
/** Persian, and English when there is one. */
export const inBoth = ([f, e]: readonly [string, string | null]) => [fa(f), ...(e ? [en(e)] : [])];

const schemeLabels = (slug: string) => (isCodeList(slug) ? CODE_LISTS[slug] : ARCHITECTURE_LABELS);

export function schemeNode(base: string, slug: string): Node {
  const { title, definition } = schemeLabels(slug);
  return {
    '@id': schemeIri(base, slug),
    '@type': 'ConceptScheme',
    title: inBoth(title),
    definition: inBoth(definition),
    notation: slug,
  };
}

function conceptNode(
  base: string,
  slug: string,
  code: string,
  labels: readonly [string, string | null],
  notation = code,
) {
  return {
    '@id': conceptIri(base, slug, code),
    '@type': 'Concept',
    prefLabel: inBoth(labels),
    notation,
    inScheme: schemeIri(base, slug),
  };
}

const codeConcept = (base: string, slug: CodeListSlug, code: string, labels: Labels): Node => ({
  ...conceptNode(base, slug, code, labels),
  topConceptOf: schemeIri(base, slug),
});

/** A domain is a top concept of the architecture; a category is narrower than its domain. */
const architectureConcept = (base: string, t: ArchitectureTerm): Node => ({
  ...conceptNode(base, ARCHITECTURE_SCHEME, t.id, [t.titleFa, t.titleEn], t.code),
  ...(t.domainId
    ? { broader: conceptIri(base, ARCHITECTURE_SCHEME, t.domainId) }
    : { topConceptOf: schemeIri(base, ARCHITECTURE_SCHEME) }),
});

/** GET /catalogue/vocabularies: every scheme. */
export const schemesGraph = (base: string): Node[] => SCHEME_SLUGS.map((s) => schemeNode(base, s));

/** GET /catalogue/vocabularies/{slug} of a card vocabulary: the scheme and all its concepts. */
export function codeListGraph(base: string, slug: CodeListSlug): Node[] {
  const concepts = CODE_LISTS[slug].concepts.map(([code, labels]) => codeConcept(base, slug, code, labels));
  return [{ ...schemeNode(base, slug), hasTopConcept: concepts.map((c) => c['@id']) }, ...concepts];
}

/** GET /catalogue/vocabularies/service-architecture: the domains (top concepts), then their categories. */
export function architectureGraph(base: string, terms: readonly ArchitectureTerm[]): Node[] {
  const domains = terms.filter((t) => t.domainId === null);
  return [
    {
      ...schemeNode(base, ARCHITECTURE_SCHEME),
      hasTopConcept: domains.map((d) => conceptIri(base, ARCHITECTURE_SCHEME, d.id)),
    },
    ...domains.map((d) => architectureConcept(base, d)),
    ...terms.filter((t) => t.domainId !== null).map((c) => architectureConcept(base, c)),
  ];
}

/**
 * The concepts one export points at. Each method returns the IRI to point at and remembers the
 * concept, or returns undefined for a code no list has (a card saved before the code was dropped),
 * so that nothing undescribed is pointed at. `nodes()` describes each concept once, and its scheme.
 */
export class UsedConcepts {
  private readonly concepts = new Map<string, Node>();
  private readonly schemes = new Set<string>();

  constructor(
    private readonly base: string,
    private readonly architecture: ReadonlyMap<string, ArchitectureTerm>,
  ) {}

  /** A code of a card vocabulary. */
  code(slug: CodeListSlug, code: string | null | undefined): string | undefined {
    const labels = code ? codeLabels(slug, code) : undefined;
    if (!code || !labels) return undefined;
    return this.remember(slug, codeConcept(this.base, slug, code, labels));
  }

  /** A macro domain or category of the service architecture, by id (with its domain, when a category). */
  term(id: string | null | undefined): string | undefined {
    const t = id ? this.architecture.get(id) : undefined;
    if (!t) return undefined;
    if (t.domainId && !this.term(t.domainId)) return undefined;
    return this.remember(ARCHITECTURE_SCHEME, architectureConcept(this.base, t));
  }

  /** A concept of an EU authority table: the country as a location (and administrative unit), or the currency. */
  authority(key: keyof typeof AUTHORITY): string {
    const a = AUTHORITY[key];
    if (!this.concepts.has(a.iri))
      this.concepts.set(a.iri, {
        '@id': a.iri,
        '@type': key === 'iran' ? ['Concept', 'Location', 'AdministrativeTerritorialUnit'] : 'Concept',
        prefLabel: inBoth(a.labels),
        notation: a.notation,
        inScheme: a.scheme,
      });
    return a.iri;
  }

  /** The schemes used, then the concepts, each in IRI order (the same document for the same data). */
  nodes(): Node[] {
    const byId = (a: Node, b: Node) => String(a['@id']).localeCompare(String(b['@id']));
    return [
      ...[...this.schemes].map((s) => schemeNode(this.base, s)).sort(byId),
      ...[...this.concepts.values()].sort(byId),
    ];
  }

  private remember(slug: string, node: Node): string {
    const iri = node['@id'] as string;
    this.schemes.add(slug);
    if (!this.concepts.has(iri)) this.concepts.set(iri, node);
    return iri;
  }
}
