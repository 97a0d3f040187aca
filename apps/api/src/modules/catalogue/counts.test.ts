import type { CardCounts, ReviewQueueCounts } from '@dargah/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from '../../../test/factories';

/*
 * The counts on the staff home's catalogue sections agree with the lists they summarise: the same
 * cards GET /catalogue/cards lists, the same queue GET /catalogue/review-queue lists, for each
 * person.
 */

let t: TestApp;
const ag = {} as Record<'P' | 'C' | 'X', string>;
type Who = 'expertC' | 'adminP' | 'adminC' | 'central' | 'auditor' | 'clerkX' | 'citizen';
const s = {} as Record<Who, Session>;

const get = (url: string, who?: Who) => t.app.inject({ url: `/api/v1${url}`, headers: who ? s[who].headers : {} });

async function card(who: Who, agencyId: string, status: string, overdue = false): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/catalogue/cards', headers: s[who].headers, payload: { agencyId, content: { title: `خدمت ${status}` } } });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: string }>().id;
  if (status !== 'draft') {
    const due = new Date(t.clock.now().getTime() + (overdue ? -1 : 7) * 86_400_000).toISOString();
    // A card under renewal has a version in force: an id, its approval and expiry.
    const live = status === 'renewal_review' ? `, approved_version = 1, service_id = '${String(Date.now()).slice(-11).padStart(11, '1')}', approved_at = now(), expires_at = now()` : '';
    await t.ctx.database.query(`UPDATE service_cards SET status = $2, submitted_at = now(), review_due_at = $3${live} WHERE id = $1`, [id, status, status === 'parent_review' ? due : null]);
  }
  return id;
}

beforeAll(async () => {
  t = await buildTestApp();
  ag.P = (await buildAgency(t, { nameFa: 'وزارت', kind: 'ministry' })).id;
  ag.C = (await buildAgency(t, { nameFa: 'سازمان', parentId: ag.P })).id;
  ag.X = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const staff = {
    expertC: await buildStaff(t, ag.C, ['expert']),
    adminP: await buildStaff(t, ag.P, ['agency_admin']),
    adminC: await buildStaff(t, ag.C, ['agency_admin']),
    central: await buildStaff(t, ag.P, ['central_reviewer']),
    auditor: await buildStaff(t, ag.P, ['oversight_auditor']),
    clerkX: await buildStaff(t, ag.X, ['desk_clerk', 'expert']),
  };
  for (const [who, st] of Object.entries(staff)) s[who as Who] = await signInStaff(t, st.username);
  s.citizen = await signInCitizen(t);

  await card('expertC', ag.C, 'draft');
  await card('expertC', ag.C, 'draft');
  await card('expertC', ag.C, 'parent_review');
  await card('expertC', ag.C, 'parent_review', true);
  await card('adminP', ag.P, 'central_review');
  await card('adminP', ag.P, 'renewal_review');
  await card('clerkX', ag.X, 'central_review');
  await card('clerkX', ag.X, 'draft');
});
afterAll(() => t.close());

describe('card counts', () => {
  it('count, per status, exactly the cards the person’s list shows', async () => {
    for (const who of ['expertC', 'adminP', 'adminC', 'central', 'auditor', 'clerkX'] as const) {
      const counts = (await get('/catalogue/cards/counts', who)).json<CardCounts>();
      const listed = (await get('/catalogue/cards?limit=100', who)).json<Array<{ status: string }>>();
      const byStatus: Record<string, number> = {};
      for (const c of listed) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      expect([who, counts.total]).toEqual([who, listed.length]);
      for (const [status, n] of Object.entries(counts.byStatus)) expect([who, status, n]).toEqual([who, status, byStatus[status] ?? 0]);
    }
    expect((await get('/catalogue/cards/counts', 'expertC')).json<CardCounts>().byStatus).toMatchObject({ draft: 2, parent_review: 2, central_review: 0 });
    // The parent's administrator sees its own cards and its sub-agency's; never another agency's.
    expect((await get('/catalogue/cards/counts', 'adminP')).json<CardCounts>().total).toBe(6);
  });

  it('are for staff only', async () => {
    expect((await get('/catalogue/cards/counts')).statusCode).toBe(401);
    expect((await get('/catalogue/cards/counts', 'citizen')).statusCode).toBe(403);
  });
});

describe('review queue counts', () => {
  it('match the queue each reviewer works, by kind of review', async () => {
    const central = (await get('/catalogue/review-queue/counts', 'central')).json<ReviewQueueCounts>();
    expect(central).toEqual({ central: 2, renewal: 1, parent: null, parentOverdue: null, total: 3 });
    const parent = (await get('/catalogue/review-queue/counts', 'adminP')).json<ReviewQueueCounts>();
    expect(parent).toEqual({ central: null, renewal: null, parent: 2, parentOverdue: 1, total: 2 });
    for (const who of ['central', 'adminP'] as const) {
      const queue = (await get('/catalogue/review-queue?limit=100', who)).json<unknown[]>();
      expect([who, queue.length]).toEqual([who, (await get('/catalogue/review-queue/counts', who)).json<ReviewQueueCounts>().total]);
    }
  });

  it('are refused to whoever has no review queue', async () => {
    for (const who of ['expertC', 'adminC', 'auditor', 'clerkX', 'citizen'] as const) {
      expect([who, (await get('/catalogue/review-queue/counts', who)).statusCode]).toEqual([who, 403]);
    }
    expect((await get('/catalogue/review-queue/counts')).statusCode).toBe(401);
  });
});
