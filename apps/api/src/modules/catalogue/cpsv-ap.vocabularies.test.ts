import {
  CARD_RECIPIENTS,
  CHANNEL_KINDS,
  CODE_LABELS,
  LIFE_EVENTS,
  MATURITY_LEVELS,
  SERVICE_LEVELS,
  SERVICE_NATURES,
  START_MODES,
} from '@dargah/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { approveServices, type ExportScenario } from '../../../test/cpsv-ap-scenario';
import { expand } from '../../../test/cpsv-ap-shacl';
import { ConfigError, loadConfig } from '../../config';
import { catalogueJsonLd, getVocabulary } from './cpsv-ap.service';
import { CODE_LISTS, type CodeListSlug } from './cpsv-ap.vocabularies';

/*
 * Dargah's code lists as SKOS concept schemes at stable URLs: the list, each scheme with its
 * concepts, every concept the CPSV-AP export points at resolvable at its IRI, IRIs under
 * PUBLIC_BASE_URL whatever the request says, and what a stranger's odd request gets.
 */

type Node = Record<string, unknown> & { '@id': string };
type Doc = { '@context': object; '@graph': Node[] };

let t: TestApp;
let s: ExportScenario;
const BASE = 'http://127.0.0.1:3000';
const VOCAB = `${BASE}/api/v1/catalogue/vocabularies`;

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url: `/api/v1${url}`, headers });
async function doc(url: string, headers: Record<string, string> = {}): Promise<Doc> {
  const res = await get(url, headers);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
  return res.json<Doc>();
}
const labels = (n: Node) => n.prefLabel as Array<{ '@value': string; '@language': string }>;

beforeAll(async () => {
  t = await buildTestApp();
  s = await approveServices(t);
});
afterAll(() => t.close());

describe('GET /catalogue/vocabularies', () => {
  it('lists every scheme, to anyone, with its Persian and English title', async () => {
    const list = await doc('/catalogue/vocabularies');
    expect(list['@graph'].map((n) => n['@id'])).toEqual(
      [...Object.keys(CODE_LISTS), 'service-architecture'].map((slug) => `${VOCAB}/${slug}`),
    );
    for (const n of list['@graph']) {
      expect(n['@type']).toBe('ConceptScheme');
      expect((n.title as Array<{ '@language': string }>).map((l) => l['@language'])).toEqual(['fa', 'en']);
    }
    expect((await expand(list)).length).toBe(list['@graph'].length);
  });
});

describe('GET /catalogue/vocabularies/{scheme}', () => {
  const card: Record<CodeListSlug, readonly string[]> = {
    'channel-types': CHANNEL_KINDS,
    recipients: CARD_RECIPIENTS,
    'life-events': LIFE_EVENTS,
    'maturity-levels': MATURITY_LEVELS,
    'service-natures': SERVICE_NATURES,
    'service-levels': SERVICE_LEVELS,
    'start-modes': START_MODES,
  };

  it('gives each card vocabulary with every code as a top concept labelled in Persian and English', async () => {
    for (const [slug, codes] of Object.entries(card)) {
      const scheme = `${VOCAB}/${slug}`;
      const {
        '@graph': [head, ...concepts],
      } = await doc(`/catalogue/vocabularies/${slug}`);
      expect(head).toMatchObject({ '@id': scheme, '@type': 'ConceptScheme', notation: slug });
      expect(head!.hasTopConcept).toEqual(codes.map((c) => `${scheme}#${c}`));
      expect(concepts.map((c) => c.notation)).toEqual([...codes]);
      for (const c of concepts) {
        expect(c).toMatchObject({ '@type': 'Concept', inScheme: scheme, topConceptOf: scheme });
        expect(labels(c).map((l) => l['@language'])).toEqual(['fa', 'en']);
      }
    }
  });

  it('labels each code with the words the web app shows (CODE_LABELS of @dargah/contracts), in Persian then English', async () => {
    const shared: Record<CodeListSlug, keyof typeof CODE_LABELS> = {
      'channel-types': 'channel',
      recipients: 'recipient',
      'life-events': 'lifeEvent',
      'maturity-levels': 'maturity',
      'service-natures': 'nature',
      'service-levels': 'level',
      'start-modes': 'startMode',
    };
    for (const [slug, key] of Object.entries(shared) as Array<[CodeListSlug, keyof typeof CODE_LABELS]>) {
      const { '@graph': [, ...concepts] } = await doc(`/catalogue/vocabularies/${slug}`);
      const served = Object.fromEntries(concepts.map((c) => [c.notation, labels(c).map((l) => l['@value'])]));
      expect(served, slug).toEqual(Object.fromEntries(Object.entries(CODE_LABELS[key]).map(([c, l]) => [c, [...l]])));
      // Persian first, English second: a label pair the wrong way round or left untranslated fails.
      for (const [fa, en] of Object.values(CODE_LABELS[key]))
        expect([fa, /[\u0600-\u06FF]/.test(fa), /^[\x20-\x7E]+$/.test(en)], slug).toEqual([fa, true, true]);
    }
  });

  it('gives the service architecture: macro domains on top, categories narrower, as the database has them now', async () => {
    const { domainId, categoryId } = s.architecture;
    const scheme = `${VOCAB}/service-architecture`;
    const graph = (await doc('/catalogue/vocabularies/service-architecture'))['@graph'];
    expect(graph[0]!.hasTopConcept).toContain(`${scheme}#${domainId}`);
    const domain = graph.find((n) => n['@id'] === `${scheme}#${domainId}`)!;
    expect(domain).toMatchObject({ notation: 'urban', inScheme: scheme, topConceptOf: scheme });
    expect(labels(domain)).toEqual([{ '@value': 'شهرسازی و عمران', '@language': 'fa' }]); // no English title
    expect(graph.find((n) => n['@id'] === `${scheme}#${categoryId}`)).toMatchObject({
      notation: 'permits',
      broader: `${scheme}#${domainId}`,
      prefLabel: [
        { '@value': 'پروانه‌های ساختمانی', '@language': 'fa' },
        { '@value': 'Building permits', '@language': 'en' },
      ],
    });
    await t.ctx.database.query(
      `UPDATE service_categories SET title_en = 'Building and occupancy permits' WHERE id = $1`,
      [categoryId],
    );
    const renamed = (await doc('/catalogue/vocabularies/service-architecture'))['@graph'];
    expect(labels(renamed.find((n) => n['@id'] === `${scheme}#${categoryId}`)!)[1]!['@value']).toBe(
      'Building and occupancy permits',
    );
  });

  it('resolves every concept the export points at, with the description the export gives', async () => {
    const exported = (await doc('/catalogue/cpsv-ap.jsonld'))['@graph'].filter(
      (n) => n['@type'] === 'Concept' && n['@id'].startsWith(VOCAB),
    );
    expect(new Set(exported.map((n) => n['@id'].split('#')[0]!.slice(VOCAB.length + 1)))).toEqual(
      new Set([
        'channel-types',
        'recipients',
        'life-events',
        'maturity-levels',
        'service-natures',
        'service-levels',
        'start-modes',
        'service-architecture',
      ]),
    );
    const schemes = new Map<string, Node[]>();
    for (const c of exported) {
      const url = c['@id'].split('#')[0]!;
      if (!schemes.has(url)) schemes.set(url, (await doc(url.slice(`${BASE}/api/v1`.length)))['@graph']);
      expect(schemes.get(url)!.find((n) => n['@id'] === c['@id'])).toEqual(c);
    }
  });
});

describe('what a stranger gets', () => {
  it('VOCABULARY_NOT_FOUND (404, in Persian or English) for any name not published', async () => {
    for (const name of [
      'no-such-list',
      'Channel-Types',
      'channel-types.jsonld',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'toString',
      encodeURIComponent('رویدادها'),
      encodeURIComponent('۱۲۳'),
      '..%2F..%2Fcpsv-ap.jsonld',
    ]) {
      const res = await get(`/catalogue/vocabularies/${name}`);
      expect([name, res.statusCode, res.json().error.code]).toEqual([name, 404, 'VOCABULARY_NOT_FOUND']);
      expect(res.json().error.message).toBe('این فهرست واژگان منتشر نشده است.');
    }
    // A NUL in the name is refused at the edge, before any lookup (the platform's text guard).
    expect((await get('/catalogue/vocabularies/channel%00-types')).json().error.code).toBe('TEXT_NOT_ALLOWED');
    const english = await get('/catalogue/vocabularies/nothing', { 'accept-language': 'en' });
    expect(english.json().error.message).toBe('No vocabulary is published under this name.');
    // As long as the router takes (100 characters), still just not published.
    expect((await get(`/catalogue/vocabularies/${'x'.repeat(100)}`)).json().error.code).toBe('VOCABULARY_NOT_FOUND');
  });

  it('mints IRIs from PUBLIC_BASE_URL, never from the Host or forwarded headers it sends', async () => {
    const lying = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    const a = await get('/catalogue/vocabularies/recipients', lying);
    const b = await get('/catalogue/cpsv-ap.jsonld', lying);
    for (const body of [a.body, b.body]) {
      expect(body).not.toContain('evil.example');
      expect(body).toContain(`${VOCAB}/recipients#G2C`);
    }
  });

  it('answers the same document to the same request made sixteen times at once', async () => {
    const bodies = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        get(i % 2 ? '/catalogue/cpsv-ap.jsonld' : '/catalogue/vocabularies/service-architecture'),
      ),
    );
    for (const [i, r] of bodies.entries()) expect(r.body).toBe(bodies[i % 2]!.body);
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('is normalised (host in lower case, no trailing slash) and every IRI of the vocabularies follows it', async () => {
    const config = loadConfig({ PUBLIC_BASE_URL: 'https://Dargah.Example.IR/portal/' });
    expect(config.PUBLIC_BASE_URL).toBe('https://dargah.example.ir/portal');
    const ctx = { ...t.ctx, config };
    const vocab = 'https://dargah.example.ir/portal/api/v1/catalogue/vocabularies';
    expect(JSON.stringify(await getVocabulary(ctx, 'life-events'))).toContain(`"${vocab}/life-events#housing"`);
    const exported = JSON.stringify(await catalogueJsonLd(ctx));
    expect(exported).toContain(`"${vocab}/channel-types#web"`);
    expect(exported).not.toContain(BASE);
    expect(loadConfig({}).PUBLIC_BASE_URL).toBe(BASE);
  });

  it('refuses an address that is not a plain http(s) base, naming the variable', () => {
    for (const bad of [
      'dargah.ir',
      'ftp://dargah.ir',
      'https://dargah.ir/?a=1',
      'https://dargah.ir/#x',
      'https://user:pw@dargah.ir',
    ]) {
      let problems: string[] = [];
      try {
        loadConfig({ PUBLIC_BASE_URL: bad });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        problems = (err as ConfigError).problems;
      }
      expect([bad, problems.map((p) => p.split(':')[0])]).toEqual([bad, ['PUBLIC_BASE_URL']]);
    }
  });
});
