import { toPersianDigits } from '@dargah/persian';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, linkToApprovedCard } from '../../../test/factories';
import { createService } from '../services';
import { syncCatalogueEntries } from './catalogue-public.service';

/*
 * Searching the public catalogue by a service id as people type it (Persian, Arabic-Indic or ASCII
 * digits, with spaces or dashes), and in English by the cards' English titles.
 */

let t: TestApp;
const ids = {} as Record<'record' | 'complaint' | 'plain', string>;

const toArabicIndic = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
interface Result {
  match: 'exact' | 'fuzzy';
  items: Array<{ serviceId: string; title: string; agency: { name: string } }>;
}
const search = async (q: string, lang = 'fa') => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/catalogue/services?q=${encodeURIComponent(q)}`,
    headers: { 'accept-language': lang },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Result>();
};

beforeAll(async () => {
  t = await buildTestApp();
  const agency = (await buildAgency(t, { nameFa: 'وزارت کار آزمایشی', nameEn: 'Test Labour Ministry' })).id;
  const desk = (titleFa: string) =>
    createService(
      t.ctx.database.db,
      {
        agencyId: agency,
        titleFa,
        titleEn: null,
        descriptionFa: 'شرح',
        recipients: 'G2C',
        normDays: 5,
        formSchema: { type: 'object' },
        published: true,
      },
      t.clock.now(),
    );
  const card = async (title: string, titleEn?: string) =>
    (await linkToApprovedCard(t, await desk(title), { title, ...(titleEn ? { titleEn } : {}) })).catalogueServiceId;
  ids.record = await card('صدور گواهی سابقه اشتغال', 'Employment record certificate');
  ids.complaint = await card('ثبت شکایت کارگری', 'Labour complaint');
  ids.plain = await card('صدور پروانه کار');
  // The factory writes the cards directly; rebuild their entries as the sync job would.
  await syncCatalogueEntries(t.ctx);
});
afterAll(() => t.close());

describe('searching by service id', () => {
  it('finds the service first, typed with Persian, Arabic-Indic or ASCII digits, with spaces or dashes', async () => {
    const id = ids.complaint;
    for (const typed of [
      id,
      toPersianDigits(id),
      toArabicIndic(id),
      `${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8)}`,
      toPersianDigits(`${id.slice(0, 5)}-${id.slice(5)}`),
      ` ${toPersianDigits(id)}\u200c `,
    ]) {
      const r = await search(typed);
      expect([typed, r.items[0]?.serviceId]).toEqual([typed, id]);
    }
  });

  it('takes a hostile query calmly: a NUL, an overlong one, wildcards', async () => {
    for (const q of [`${ids.record}\u0000`, '%_%', '٪'.repeat(5)]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/catalogue/services?q=${encodeURIComponent(q)}` });
      // Found or refused at the edge with a code (TEXT_NOT_ALLOWED for the NUL), never a 500.
      expect([q, [200, 400].includes(res.statusCode)]).toEqual([q, true]);
    }
    const long = await t.app.inject({ method: 'GET', url: `/api/v1/catalogue/services?q=${'۱'.repeat(201)}` });
    expect(long.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('finds nothing for an id no service has, and reads a shorter number as text', async () => {
    expect((await search('99999999999')).items).toEqual([]);
    expect((await search(ids.record.slice(0, 10))).items.map((i) => i.serviceId)).not.toContain(ids.record);
  });
});

describe('searching in English', () => {
  it('matches English titles where cards have them, shown in English to an English reader', async () => {
    const en = await search('employment', 'en');
    expect(en.match).toBe('exact');
    expect(en.items.map((i) => [i.serviceId, i.title])).toEqual([[ids.record, 'Employment record certificate']]);
    expect(en.items[0]!.agency.name).toBe('Test Labour Ministry');
    // The same search in Persian shows the Persian title; case does not matter.
    expect((await search('EMPLOYMENT Record')).items.map((i) => i.title)).toEqual(['صدور گواهی سابقه اشتغال']);
    // A card without an English title is shown by its Persian one.
    expect((await search('ministry', 'en')).items.find((i) => i.serviceId === ids.plain)?.title).toBe('صدور پروانه کار');
  });

  it('forgives a typo in an English title, and keeps Persian search as it was', async () => {
    const typo = await search('labour complant', 'en');
    expect(typo.match).toBe('fuzzy');
    expect(typo.items[0]).toMatchObject({ serviceId: ids.complaint, title: 'Labour complaint' });
    expect((await search('شكايت كارگري')).items.map((i) => i.serviceId)).toEqual([ids.complaint]);
  });
});
