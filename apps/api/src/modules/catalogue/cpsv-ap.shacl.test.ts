import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import {
  dataset,
  expand,
  RDF_TYPE,
  SH,
  SHAPES_FILE,
  shapesGraph,
  violations,
  type Violation,
} from '../../../test/cpsv-ap-shacl';
import { seedDemoData } from '../../seed/demo';
import { syncCatalogueEntries } from './catalogue-public.service';
import { approveServices, type ExportScenario } from '../../../test/cpsv-ap-scenario';

/*
 * The CPSV-AP 3.2 export against the official 3.2.0 SHACL shapes, checked by rdf-validate-shacl (a
 * SHACL engine no one here wrote): the demo catalogue, then every kind of service card, must conform;
 * and the validator, given the same export with one thing broken, names exactly what broke.
 */

type Node = Record<string, unknown> & { '@id': string };
type Doc = { '@context': object; '@graph': Node[] };

let t: TestApp;
let demo: Doc;
let full: Doc;
let s: ExportScenario;

const exportDoc = async (): Promise<Doc> => {
  const res = await t.app.inject({ url: '/api/v1/catalogue/cpsv-ap.jsonld' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Doc>();
};

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.ctx);
  await syncCatalogueEntries(t.ctx);
  demo = await exportDoc();
  s = await approveServices(t);
  full = await exportDoc();
});
afterAll(() => t.close());

const CV = 'http://data.europa.eu/m8g/';
const DCT = 'http://purl.org/dc/terms/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const CPSV = 'http://purl.org/vocab/cpsv#';

/** The subjects typed `cls` in a document's quads. */
async function ofClass(doc: object, cls: string): Promise<string[]> {
  return (await dataset(doc)).getSubjects(RDF_TYPE, cls, null).map((x) => x.value);
}

describe('the official shapes (test data)', () => {
  const sh = shapesGraph();
  const members = sh.getObjects(
    'https://semiceu.github.io/CPSV-AP/releases/3.2.0/',
    'http://www.w3.org/2000/01/rdf-schema#member',
    null,
  );

  it('are the published file, unchanged, with its 33 node shapes', () => {
    const bytes = fs.readFileSync(SHAPES_FILE);
    expect(bytes.length).toBe(86_733);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(fs.readFileSync(new URL('README.md', SHAPES_FILE), 'utf8')).toContain(sha256);
    expect(members).toHaveLength(33);
    expect(
      sh
        .getSubjects(RDF_TYPE, `${SH}NodeShape`, null)
        .map((x) => x.value)
        .sort(),
    ).toEqual(members.map((m) => m.value).sort());
    for (const m of members) expect(sh.getObjects(m, `${SH}targetClass`, null), m.value).toHaveLength(1);
  });

  it('describe every property shape they name (a mistyped shape IRI would leave one bare)', () => {
    const named = sh.getObjects(null, `${SH}property`, null).map((p) => p.value);
    const described = sh.getSubjects(`${SH}path`, null, null).map((p) => p.value);
    expect(new Set(named).size).toBe(named.length);
    expect(named.sort()).toEqual(described.sort());
    expect(named.length).toBeGreaterThan(150);
  });
});

describe('the export conforms to the official CPSV-AP 3.2.0 shapes', () => {
  it('for the demo catalogue', async () => {
    expect(await violations(demo)).toEqual([]);
    expect((await ofClass(demo, `${CPSV}PublicService`)).length).toBeGreaterThanOrEqual(11);
    // What the cards knew and the export used to leave out is there now.
    for (const cls of ['Output', 'ContactPoint', 'Evidence'])
      expect((await ofClass(demo, `${CV}${cls}`)).length, cls).toBeGreaterThan(0);
    const quads = await dataset(demo);
    for (const p of [`${CPSV}produces`, `${CPSV}hasInput`, `${CV}contactPoint`, `${CV}sector`, `${CV}thematicArea`])
      expect(quads.countQuads(null, p, null, null), p).toBeGreaterThan(0);
    // The licence a service delivers is its output.
    expect(
      quads.getSubjects(RDF_TYPE, `${CV}Output`, null).some((o) => o.value.startsWith('urn:ir:dargah/licences/')),
    ).toBe(true);
  });

  it('for every kind of card: fees, documents by inquiry, every channel, offices, national and provincial', async () => {
    expect(await violations(full)).toEqual([]);
    const services = await ofClass(full, `${CPSV}PublicService`);
    for (const id of Object.values(s.ids)) expect(services).toContain(`urn:ir:dargah/services/${id}`);
  });

  it('describes every concept it points at as a skos:Concept of a published scheme', async () => {
    const quads = await dataset(full);
    const pointers = [
      `${DCT}type`,
      `${DCT}audience`,
      `${CV}isClassifiedBy`,
      `${CV}sector`,
      `${CV}thematicArea`,
      `${CV}currency`,
    ];
    const concepts = new Set(pointers.flatMap((p) => quads.getObjects(null, p, null).map((o) => o.value)));
    expect(concepts.size).toBeGreaterThan(20);
    for (const c of concepts) {
      expect(quads.countQuads(c, RDF_TYPE, `${SKOS}Concept`, null), c).toBe(1);
      const labels = quads.getObjects(c, `${SKOS}prefLabel`, null).map((l) => (l as { language: string }).language);
      expect(labels, c).toContain('fa');
      expect(quads.getObjects(c, `${SKOS}inScheme`, null), c).toHaveLength(1);
    }
  });
});

describe('the validator catches what breaks the profile', () => {
  const copy = (): Doc => structuredClone(full);
  const node = (doc: Doc, id: string) => doc['@graph'].find((n) => n['@id'] === id)!;
  const service = (doc: Doc, id: string) => node(doc, `urn:ir:dargah/services/${id}`);
  /** Exactly these violations, nothing more. */
  const only = async (doc: Doc, expected: Violation[]) => {
    const byText = (a: Violation, b: Violation) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect(await violations(doc)).toEqual([...expected].sort(byText));
  };

  it("a concept without its type: every channel of that kind breaks ChannelShape's class constraint", async () => {
    const doc = copy();
    const web = doc['@graph'].find((n) => n['@type'] === 'Concept' && String(n['@id']).endsWith('/channel-types#web'))!;
    delete web['@type'];
    const channels = doc['@graph']
      .filter((n) => n['@type'] === 'PublicService')
      .flatMap((n) => (n.hasChannel as Node[] | undefined) ?? [])
      .filter((ch) => ch.type === web['@id'])
      .map((ch) => ch['@id'])
      .sort();
    expect(channels.length).toBeGreaterThanOrEqual(3);
    await only(
      doc,
      channels.map((focus) => ({
        shape: 'ChannelShape',
        path: `${DCT}type`,
        constraint: 'ClassConstraintComponent',
        focus,
      })),
    );
  });

  it("a public service without its identifier breaks PublicServiceShape's minimum count", async () => {
    const doc = copy();
    delete service(doc, s.ids.full).identifier;
    await only(doc, [
      {
        shape: 'PublicServiceShape',
        path: `${DCT}identifier`,
        constraint: 'MinCountConstraintComponent',
        focus: `urn:ir:dargah/services/${s.ids.full}`,
      },
    ]);
  });

  it('the country undescribed: services and national agencies lose their location', async () => {
    const doc = copy();
    doc['@graph'] = doc['@graph'].filter((n) => !n['@id'].endsWith('/country/IRN'));
    const found = await violations(doc);
    expect(new Set(found.map((v) => `${v.shape} ${v.constraint} ${v.path}`))).toEqual(
      new Set([
        `PublicServiceShape ClassConstraintComponent ${DCT}spatial`,
        `PublicOrganisationShape ClassConstraintComponent ${DCT}spatial`,
      ]),
    );
    expect(found.map((v) => v.focus)).toContain(`urn:ir:dargah/services/${s.ids.national}`);
  });

  it('the currency untyped: every cost breaks CostShape', async () => {
    const doc = copy();
    delete node(doc, 'http://publications.europa.eu/resource/authority/currency/IRR')['@type'];
    const found = await violations(doc);
    expect(new Set(found.map((v) => `${v.shape} ${v.constraint} ${v.path}`))).toEqual(
      new Set([`CostShape ClassConstraintComponent ${CV}currency`]),
    );
    expect(found.map((v) => v.focus)).toContain(`urn:ir:dargah/services/${s.ids.full}#cost-1`);
  });

  it('an output without a name, a second processing time, a cost that is not a number', async () => {
    const doc = copy();
    const full = service(doc, s.ids.full);
    delete (full.produces as Node[])[0]!.name;
    full.processingTime = ['P5D', 'P6D'];
    ((full.hasCost as Node[])[0] as Node).value = { '@value': 'دو میلیون', '@type': 'xsd:string' };
    const id = `urn:ir:dargah/services/${s.ids.full}`;
    await only(doc, [
      { shape: 'CostShape', path: `${CV}hasValue`, constraint: 'DatatypeConstraintComponent', focus: `${id}#cost-1` },
      { shape: 'OutputShape', path: `${DCT}title`, constraint: 'MinCountConstraintComponent', focus: `${id}#output` },
      {
        shape: 'PublicServiceShape',
        path: `${CV}processingTime`,
        constraint: 'MaxCountConstraintComponent',
        focus: id,
      },
    ]);
  });
});

describe('the export is JSON-LD 1.1', () => {
  it('expands in safe mode without fetching anything', async () => {
    expect((await expand(full)).length).toBe(full['@graph'].length);
  });

  it('and the checker would notice a remote context or a term the context lacks', async () => {
    await expect(expand({ '@context': 'https://example.org/context.jsonld', name: 'x' })).rejects.toMatchObject({
      details: { cause: { message: expect.stringContaining('tried to fetch https://example.org/context.jsonld') } },
    });
    await expect(
      expand({ '@context': { name: 'http://purl.org/dc/terms/title' }, '@id': 'urn:x', name: 'x', colour: 'red' }),
    ).rejects.toThrow(/Safe mode validation error/);
  });
});
