import fs from 'node:fs';
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

/*
 * Test support: checks a JSON-LD document against the official CPSV-AP 3.2.0 SHACL shapes
 * (apps/api/src/modules/catalogue/__fixtures__/, see the README there) with rdf-validate-shacl, a maintained
 * SHACL engine; none of the constraints are restated here. The document is expanded in JSON-LD 1.1
 * safe mode with no document loader (a term missing from the context, or any attempt to fetch a
 * remote context, fails), turned into N-Quads by jsonld and parsed by n3.
 */

export const SHAPES_FILE = new URL('../src/modules/catalogue/__fixtures__/cpsv-ap-3.2.0-SHACL.ttl', import.meta.url);
export const SH = 'http://www.w3.org/ns/shacl#';
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** The shapes graph, parsed once. */
let shapes: Store | undefined;
export const shapesGraph = (): Store =>
  (shapes ??= new Store(new Parser().parse(fs.readFileSync(SHAPES_FILE, 'utf8'))));

const noNetwork = (url: string): never => {
  throw new Error(`the JSON-LD processor tried to fetch ${url}`);
};

/** JSON-LD 1.1 expansion in safe mode, without network access. */
export const expand = (doc: object) =>
  jsonld.expand(doc, { documentLoader: noNetwork, safe: true } as unknown as jsonld.Options.Expand);

/** The document's quads, in an RDF/JS dataset. */
export async function dataset(doc: object): Promise<Store> {
  const nquads = (await jsonld.toRDF(await expand(doc), { format: 'application/n-quads' })) as unknown as string;
  return new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
}

/** One result of the validation report, in words: the shape (without its hash), the constraint, the node. */
export interface Violation {
  /** e.g. `ChannelShape`. */
  shape: string;
  /** The property path, e.g. `http://purl.org/dc/terms/type`. */
  path: string | null;
  /** e.g. `ClassConstraintComponent`. */
  constraint: string;
  focus: string;
}

const local = (iri: string) => iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);

/** Every violation of the official shapes in `doc`, sorted (empty: the document conforms). */
export async function violations(doc: object): Promise<Violation[]> {
  const report = await new SHACLValidator(shapesGraph()).validate(await dataset(doc));
  if (report.conforms !== (report.results.length === 0)) throw new Error('the SHACL report contradicts itself');
  const out = report.results.map((r) => ({
    shape: r.sourceShape.value.replace(/^.*#([A-Za-z]+Shape)(\/.*)?$/, '$1'),
    path: r.path?.value ?? null,
    constraint: local(r.sourceConstraintComponent.value),
    focus: r.focusNode.value,
  }));
  return out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
