import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor';
import { withTransaction } from '../../platform/db';
import { sampleLetter } from '../../platform/pdf/test-support';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, nextAddress, signInStaff, type Session } from '../../../test/factories';
import { issueDocument, prepareDocument } from '.';

/*
 * The staff workspace's documents: what waits for my signature (paginated, only my agencies', not
 * those I signed or that no longer stand), a document's record and PDF (another agency's staff get
 * the same 404 as for a missing id), and the locked keys an administrator may unlock.
 */

let t: TestApp;
let agencyId: string;
let otherAgencyId: string;
const s = {} as Record<'signer' | 'admin' | 'other' | 'otherAdmin', Session>;
const PIN = '246810';

const call = (method: 'GET' | 'POST', url: string, who?: Session, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who?.headers ?? {},
    remoteAddress: nextAddress(),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function issue(agency: string, title: string) {
  const { qr: _qr, ...data } = sampleLetter();
  const prepared = await prepareDocument(t.ctx, { kind: 'letter', agencyId: agency, data: { ...data, title } });
  return withTransaction(t.ctx.database, (tx) =>
    issueDocument(t.ctx, tx, { actor: systemActor, origin: {}, at: t.clock.now() }, prepared),
  );
}

beforeAll(async () => {
  t = await buildTestApp();
  agencyId = (await buildAgency(t, { nameFa: 'اداره کل اسناد' })).id;
  otherAgencyId = (await buildAgency(t, { nameFa: 'دستگاه همسایه' })).id;
  const mk = async (a: string, roles: Parameters<typeof buildStaff>[2], name: string) =>
    signInStaff(t, (await buildStaff(t, a, roles, { displayName: name })).username);
  s.signer = await mk(agencyId, ['expert'], 'سارا نوری');
  s.admin = await mk(agencyId, ['agency_admin'], 'مدیر اسناد');
  s.other = await mk(otherAgencyId, ['expert'], 'کارشناس همسایه');
  s.otherAdmin = await mk(otherAgencyId, ['agency_admin'], 'مدیر همسایه');
  expect((await call('POST', '/documents/signer-keys', s.signer, { pin: PIN })).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('documents waiting for my signature', () => {
  it('lists my agency’s standing documents I have not signed, newest first, page by page with no repeat or gap', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      ids.push((await issue(agencyId, `نامه شماره ${i}`)).id);
      t.clock.advance(1000);
    }
    const theirs = await issue(otherAgencyId, 'نامه دستگاه همسایه');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call('GET', `/documents/to-sign?limit=2${cursor ? `&cursor=${cursor}` : ''}`, s.signer);
      expect(res.statusCode).toBe(200);
      const page = res.json<{
        items: { id: string; title: string; agency: { name: string } }[];
        nextCursor: string | null;
      }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...ids].reverse());
    expect(seen).not.toContain(theirs.id);
    const first = (await call('GET', '/documents/to-sign?limit=1', s.signer)).json();
    expect(first.items[0]).toMatchObject({
      kind: 'letter',
      title: 'نامه شماره 5',
      status: 'issued',
      agency: { name: 'اداره کل اسناد' },
      signatureCount: 0,
    });
    // Signed by me: no longer waiting for me, still waiting for my colleague.
    expect((await call('POST', `/documents/${ids[4]}/sign`, s.signer, { pin: PIN })).statusCode).toBe(200);
    expect(
      (await call('GET', '/documents/to-sign?limit=100', s.signer)).json().items.map((d: { id: string }) => d.id),
    ).not.toContain(ids[4]);
    expect(
      (await call('GET', '/documents/to-sign?limit=100', s.admin)).json().items.map((d: { id: string }) => d.id),
    ).toContain(ids[4]);
    // The other agency's staff see only theirs.
    expect((await call('GET', '/documents/to-sign', s.other)).json().items.map((d: { id: string }) => d.id)).toEqual([
      theirs.id,
    ]);
  });

  it('refuses bad paging with a code and no data; needs a staff session', async () => {
    for (const q of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'cursor=%00%00%00%00%00%00%00%00%00%00',
      `cursor=${'A'.repeat(300)}`,
      'cursor=bm90LWEtY3Vyc29yLWF0LWFsbA',
      'other=1',
    ]) {
      const res = await call('GET', `/documents/to-sign?${q}`, s.signer);
      expect([q, res.statusCode]).toEqual([q, 400]);
      expect(res.json().error.code).toMatch(/^(VALIDATION_FAILED|TEXT_NOT_ALLOWED)$/);
    }
    expect((await call('GET', '/documents/to-sign')).statusCode).toBe(401);
  });
});

describe('a document’s record and PDF', () => {
  it('shows kind, title, status, signatures so far and my key; the PDF downloads with a file name', async () => {
    const doc = await issue(agencyId, 'پاسخ به استعلام ثبتی');
    expect((await call('POST', `/documents/${doc.id}/sign`, s.signer, { pin: PIN })).statusCode).toBe(200);
    const res = await call('GET', `/documents/${doc.id}`, s.signer);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({
      id: doc.id,
      kind: 'letter',
      title: 'پاسخ به استعلام ثبتی',
      status: 'issued',
      signatureCount: 1,
      signedByMe: true,
      myKey: { status: 'active', failedPinCount: 0 },
    });
    expect(d.signatures).toEqual([
      expect.objectContaining({ seq: 1, signerName: 'سارا نوری', signerRole: 'expert', mine: true }),
    ]);
    expect(d.signatures[0].issuer).toContain('Dargah TEST');
    const admin = (await call('GET', `/documents/${doc.id}`, s.admin)).json();
    expect([admin.signedByMe, admin.myKey, admin.signatures[0].mine]).toEqual([false, null, false]);

    const pdf = await call('GET', `/documents/${doc.id}/pdf`, s.admin);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="dargah-letter-${doc.verificationCode}.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The PDF as it stands: signed, so longer than as issued.
    expect(pdf.rawPayload.length).toBeGreaterThan(doc.pdf.length);
    expect(
      (await call('GET', `/documents/${doc.id}/pdf?disposition=inline`, s.admin)).headers['content-disposition'],
    ).toMatch(/^inline; /);
    expect((await call('GET', `/documents/${doc.id}/pdf?disposition=evil`, s.admin)).statusCode).toBe(400);
  });

  it('another agency’s staff get the same 404 as for a missing id; bad ids and no session are refused', async () => {
    const doc = await issue(agencyId, 'نامه محرمانه');
    const missing = await call('GET', '/documents/00000000-0000-4000-8000-000000000000', s.other);
    for (const url of [`/documents/${doc.id}`, `/documents/${doc.id}/pdf`]) {
      const res = await call('GET', url, s.other);
      expect([res.statusCode, res.json().error.code]).toEqual([missing.statusCode, missing.json().error.code]);
      expect(res.json().error.code).toBe('DOCUMENT_NOT_FOUND');
      expect(res.body).not.toContain('نامه محرمانه');
      expect((await call('GET', url, s.otherAdmin)).statusCode).toBe(404);
      expect((await call('GET', url)).statusCode).toBe(401);
    }
    expect((await call('GET', '/documents/not-a-uuid', s.signer)).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', '/documents/%00', s.signer)).statusCode).toBe(400);
  });
});

describe('locked keys', () => {
  it('administrators see their agency’s locked keys with whose they are, unlock them; others are refused', async () => {
    const doc = await issue(agencyId, 'نامه برای قفل');
    const unlucky = await signInStaff(
      t,
      (await buildStaff(t, agencyId, ['expert'], { displayName: 'رضا بداقبال' })).username,
    );
    expect((await call('POST', '/documents/signer-keys', unlucky, { pin: '135790' })).statusCode).toBe(201);
    expect((await call('GET', '/documents/signer-keys/locked', s.admin)).json().items).toEqual([]);
    for (let i = 0; i < 5; i++) await call('POST', `/documents/${doc.id}/sign`, unlucky, { pin: '000000' });
    expect((await call('GET', `/documents/${doc.id}`, unlucky)).json().myKey).toMatchObject({
      status: 'locked',
      failedPinCount: 5,
    });
    const locked = (await call('GET', '/documents/signer-keys/locked', s.admin)).json().items;
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ status: 'locked', staff: { name: 'رضا بداقبال' }, agencyId });
    expect((await call('GET', '/documents/signer-keys/locked', s.otherAdmin)).json().items).toEqual([]);
    expect((await call('GET', '/documents/signer-keys/locked', s.signer)).json().error.code).toBe('FORBIDDEN');
    expect((await call('POST', `/documents/signer-keys/${locked[0].id}/unlock`, s.admin)).statusCode).toBe(200);
    expect((await call('GET', '/documents/signer-keys/locked', s.admin)).json().items).toEqual([]);
  });
});
