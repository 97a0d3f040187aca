import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInStaff, type Session } from '../../../test/factories';
import { escalateOverdueParentReviews } from './catalogue-escalation.service';

/*
 * The parent agency has a week to review a sub-agency's card; when it lets the week pass, the hourly
 * catalogue.parent-review-escalation job moves the card on to central review and tells both agencies.
 */

let t: TestApp;
let child: string;
let parent: string;
let lawId: string;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Who = 'childAdmin' | 'parentAdmin' | 'central';
const users = {} as Record<Who, { id: string; username: string }>;
const sessions = new Map<Who, { at: number; s: Session }>();

async function as(who: Who): Promise<Session> {
  const now = t.clock.now().getTime();
  const cached = sessions.get(who);
  if (cached && cached.at === now) return cached.s;
  const s = await signInStaff(t, users[who].username);
  sessions.set(who, { at: now, s });
  return s;
}

const call = async (method: 'GET' | 'POST', url: string, who: Who, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: (await as(who)).headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function runJobs() {
  await t.ctx.runner!.scheduleRecurring();
  await t.ctx.runner!.runDue();
}

interface View {
  id: string;
  status: string;
  version: number;
  reviewDueAt: string | null;
  actions: string[];
  history: Array<{ action: string; actorType: string; actorId: string | null; actorName: string | null }>;
}
interface Notice {
  cardId: string;
  agencyId: string;
  kind: string;
  reviewDueAt: string | null;
  expiresAt: string | null;
}

const content = (title: string) => ({
  title,
  description: 'شرح کامل خدمت',
  recipients: ['G2C'],
  nature: 'sovereign',
  level: 'national',
  lifeEvents: ['education'],
  startMode: 'on_request',
  legalBasis: [{ lawId, article: '1' }],
  documents: [{ title: 'کارت ملی', mandatory: true }],
  inquiries: [],
  identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
  fees: [],
  inPersonVisits: { count: 0 },
  channels: { information: ['web'], request: ['web'], delivery: ['web'], eServiceUrl: 'https://example.gov.ir/s' },
  process: {
    start: { description: 'ثبت درخواست' },
    production: { description: 'بررسی' },
    delivery: { description: 'پاسخ الکترونیک' },
    legalDeadlineDays: 10,
    normDays: 5,
    extensionAllowed: false,
  },
  complaintRoute: 'سامانه ۱۱۱',
  maturity: { level: 'transactional' },
});

/** A sub-agency card submitted now: in parent review, due in a week. */
async function submitted(title: string): Promise<View> {
  const created = await call('POST', '/catalogue/cards', 'childAdmin', { agencyId: child, content: content(title) });
  expect(created.statusCode).toBe(201);
  const card = created.json<View>();
  const sub = await call('POST', `/catalogue/cards/${card.id}/submit`, 'childAdmin', { version: card.version });
  expect(sub.json()).toMatchObject({ status: 'parent_review' });
  return sub.json<View>();
}

const notices = async (who: Who) =>
  (await call('GET', '/catalogue/notifications', who)).json<Notice[]>().filter((n) => n.kind === 'review_escalated');
const count = async (q: string, id: string) =>
  Number((await t.ctx.database.query<{ n: number | string }>(q, [id]))[0]!.n);

beforeAll(async () => {
  t = await buildTestApp();
  parent = (await buildAgency(t, { nameFa: 'وزارت آزمایشی', kind: 'ministry' })).id;
  child = (await buildAgency(t, { nameFa: 'سازمان زیرمجموعه', parentId: parent })).id;
  const central = (await buildAgency(t, { nameFa: 'سازمان اداری و استخدامی', kind: 'central_body' })).id;
  users.childAdmin = await buildStaff(t, child, ['expert', 'agency_admin'], { displayName: 'مینا صالحی' });
  users.parentAdmin = await buildStaff(t, parent, ['agency_admin']);
  users.central = await buildStaff(t, central, ['central_reviewer']);
  const law = await call('POST', '/catalogue/laws', 'central', {
    title: 'قانون آزمایشی',
    kind: 'law',
    approvingBody: 'مجلس شورای اسلامی',
    approvedOn: '1400/01/15',
    articles: [{ number: '1', text: 'ماده ۱' }],
  });
  lawId = law.json<{ id: string }>().id;
});
afterAll(() => t.close());

describe('the parent review deadline', () => {
  let card: View;
  let due: Date;

  it('leaves a card alone while its parent review is still within the week', async () => {
    card = await submitted('خدمت با بررسی دیرهنگام');
    due = new Date(card.reviewDueAt!);
    expect(due.getTime() - t.clock.now().getTime()).toBe(7 * DAY);
    t.clock.set(new Date(due.getTime() - HOUR));
    await runJobs();
    const view = (await call('GET', `/catalogue/cards/${card.id}`, 'childAdmin')).json<View>();
    expect(view).toMatchObject({ status: 'parent_review', version: card.version });
    expect(await notices('childAdmin')).toEqual([]);
  });

  it('moves it on to central review once the week has passed, with an event, an audit entry and notices to both agencies', async () => {
    t.clock.set(new Date(due.getTime() + HOUR));
    await runJobs();
    const view = (await call('GET', `/catalogue/cards/${card.id}`, 'childAdmin')).json<View>();
    expect(view).toMatchObject({ status: 'central_review', reviewDueAt: null, version: card.version + 1 });
    const escalation = view.history.find((h) => h.action === 'parent_review_escalated');
    expect(escalation).toMatchObject({ actorType: 'system', actorName: null });
    expect(view.history.find((h) => h.action === 'submitted')).toMatchObject({
      actorType: 'staff',
      actorId: users.childAdmin.id,
      actorName: 'مینا صالحی',
    });
    for (const who of ['childAdmin', 'parentAdmin'] as const) {
      const mine = await notices(who);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ cardId: card.id, reviewDueAt: due.toISOString(), expiresAt: null });
    }
    expect(
      new Set([...(await notices('childAdmin')), ...(await notices('parentAdmin'))].map((n) => n.agencyId)),
    ).toEqual(new Set([child, parent]));
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_entries WHERE object_id = $1 AND action = 'service_card.escalate'",
        card.id,
      ),
    ).toBe(1);
    // Once only: another run (or another runner) finds nothing left to escalate.
    expect(await escalateOverdueParentReviews(t.ctx.database, t.clock.now())).toBe(0);
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE stream_id = $1 AND action = 'parent_review_escalated'",
        card.id,
      ),
    ).toBe(1);
  });

  it('takes the step away from the parent, whose stale page is told so, and gives it to the central reviewer', async () => {
    const stale = await call('POST', `/catalogue/cards/${card.id}/forward`, 'parentAdmin', { version: card.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    const fresh = (await call('GET', `/catalogue/cards/${card.id}`, 'parentAdmin')).json<View>();
    expect(fresh.actions).not.toContain('forward');
    const queue = (await call('GET', '/catalogue/review-queue', 'central')).json<{ items?: View[] } | View[]>();
    const items = Array.isArray(queue) ? queue : (queue.items ?? []);
    expect(items.map((c) => c.id)).toContain(card.id);
    const approved = await call('POST', `/catalogue/cards/${card.id}/approve`, 'central', { version: fresh.version });
    expect(approved.json()).toMatchObject({ status: 'approved' });
  });

  it('does not escalate a card the parent forwarded in time', async () => {
    const inTime = await submitted('خدمت با بررسی به‌موقع');
    const forwarded = await call('POST', `/catalogue/cards/${inTime.id}/forward`, 'parentAdmin', {
      version: inTime.version,
    });
    expect(forwarded.json()).toMatchObject({ status: 'central_review' });
    t.clock.advance(8 * DAY);
    await runJobs();
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE stream_id = $1 AND action = 'parent_review_escalated'",
        inTime.id,
      ),
    ).toBe(0);
    expect((await notices('parentAdmin')).map((n) => n.cardId)).not.toContain(inTime.id);
  });
});
