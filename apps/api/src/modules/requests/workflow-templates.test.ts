import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { DESK_FORM, submitDeskRequest } from '../../../test/desk';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import { EXPERT_THEN_MANAGER, SIMPLE_APPROVAL, WITH_IN_PERSON_STEP, type WorkflowDefinition } from '../../platform/workflow';
import * as orgRepo from '../organisation/organisation.repository';
import { createService } from '../services';
import { runRequestTimers } from './request-timers.service';

/*
 * Workflow as data on the desk (ADR 0034): each template runs end to end (the roles per action,
 * scoped to the agency and the unit serving the request), a request keeps the definition of the
 * version it was submitted on, and the timers fire once per entry into a state.
 */

let t: TestApp;
let agencyA: string;
let agencyB: string;
let unitNorth: string;
const usernames: Record<string, string> = {};
const ids: Record<string, string> = {};
const DAY = 86_400_000;

const as = (name: string) => signInStaff(t, usernames[name]!);
const inject = (method: 'GET' | 'POST', url: string, s: Session, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...s.headers, ...headers }, ...(payload ? { payload } : {}) });
const act = (s: Session, id: string, action: string, body: object = {}, headers: Record<string, string> = {}) =>
  inject('POST', `/requests/${id}/actions/${action}`, s, body, headers);

const serviceOn = (workflow: WorkflowDefinition, titleFa: string, agencyId = agencyA) =>
  createService(
    t.ctx.database.db,
    { agencyId, titleFa, titleEn: null, descriptionFa: 'خدمت آزمایشی', recipients: 'G2C', normDays: 10, formSchema: DESK_FORM, published: true, workflow },
    t.clock.now(),
  );

const sent = (requestId: string) =>
  rows<{ template: string; personType: string }>(
    t.ctx.database.db,
    sql`SELECT template_id AS template, person_type AS "personType" FROM notifications WHERE reference = ${requestId} ORDER BY seq`,
  );
const eventsOf = (requestId: string) =>
  rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM events WHERE stream_id = ${requestId} ORDER BY id`);

/** A silent agency's legal deadline: five working days without an answer and the request is accepted. */
const SILENCE_ACCEPTS: WorkflowDefinition = {
  ...structuredClone(SIMPLE_APPROVAL),
  id: 'silence_accepts',
  timers: [
    { id: 'escalate_submitted', kind: 'escalate', state: 'submitted', notifyRole: 'unit_manager', event: 'escalated' },
    { id: 'silence', kind: 'deadline', state: 'submitted', after: { workingDays: 5 }, action: 'approve', event: 'approved_by_silence', silenceMeans: 'accept' },
  ],
};

/** An edited definition: a state of its own (legal review) between the submission and the decision. */
const WITH_LEGAL_REVIEW: WorkflowDefinition = (() => {
  const d = structuredClone(SIMPLE_APPROVAL);
  d.id = 'with_legal_review';
  const approve = d.states.find((s) => s.id === 'in_review')!.actions.find((a) => a.id === 'approve')!;
  d.states[0]!.actions.unshift({ id: 'to_legal', label: { fa: 'ارجاع به حقوقی', en: 'Refer to legal' }, roles: ['desk_clerk'], to: 'legal_review', event: 'referred_to_legal' });
  d.states.push({ id: 'legal_review', label: { fa: 'بررسی حقوقی', en: 'Legal review' }, slaWorkingDays: 3, actions: [structuredClone(approve)] });
  return d;
})();

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set('2024-04-13T06:30:00.000Z'); // a Saturday
  agencyA = (await buildAgency(t, { nameFa: 'اداره کل گردش کار الف' })).id;
  agencyB = (await buildAgency(t, { nameFa: 'اداره کل گردش کار ب' })).id;
  const db = t.ctx.database.db;
  const unit = (nameFa: string) => orgRepo.insertUnit(db, { agencyId: agencyA, parentId: null, nameFa, nameEn: null, kind: 'operational', code: null }, t.clock.now());
  unitNorth = (await unit('واحد شمال')).id;
  const unitSouth = (await unit('واحد جنوب')).id;
  for (const [name, agency, roles] of [
    ['clerk', agencyA, ['desk_clerk']],
    ['expertNorth', agencyA, [{ role: 'expert', unitId: unitNorth }]],
    ['managerNorth', agencyA, [{ role: 'unit_manager', unitId: unitNorth }]],
    ['managerSouth', agencyA, [{ role: 'unit_manager', unitId: unitSouth }]],
    ['expertB', agencyB, ['expert']],
  ] as const)
    usernames[name] = (await buildStaff(t, agency, [...roles] as Parameters<typeof buildStaff>[2])).username;
  ids.expert = await serviceOn(EXPERT_THEN_MANAGER, 'پروانهٔ کارشناسی');
  ids.inPerson = await serviceOn(WITH_IN_PERSON_STEP, 'گواهی با مراجعهٔ حضوری');
  ids.simple = await serviceOn(SIMPLE_APPROVAL, 'گواهی ساده');
  ids.silence = await serviceOn(SILENCE_ACCEPTS, 'مجوز با سکوت');
  ids.legal = await serviceOn(WITH_LEGAL_REVIEW, 'پروانه با نظر حقوقی');
});
afterAll(() => t.close());

describe('expert review then manager sign-off on the desk', () => {
  it('the expert takes and refers with a note; only the manager of the unit serving it signs; the applicant is told', async () => {
    const citizen = await signInCitizen(t);
    const r = await submitDeskRequest(t, citizen, ids.expert!);
    const [clerk, expert, north, south, expertB] = await Promise.all(['clerk', 'expertNorth', 'managerNorth', 'managerSouth', 'expertB'].map(as));
    // The screen offers what the server allows: the clerk nothing, the expert `take`.
    expect((await inject('GET', `/requests/${r.id}`, clerk!)).json()).toMatchObject({ status: 'submitted', statusLabel: 'ثبت‌شده', actions: [] });
    expect((await inject('GET', `/requests/${r.id}`, expert!)).json()).toMatchObject({ actions: ['take'], steps: [{ id: 'take', label: 'برداشتن برای بررسی', requiresNote: false }] });
    expect((await act(clerk!, r.id, 'take')).statusCode).toBe(403);
    expect((await act(expertB!, r.id, 'take')).statusCode).toBe(404); // another agency's request does not exist for them
    expect((await act(expert!, r.id, 'approve')).json().error.code).toBe('REQUEST_ACTION_NOT_ALLOWED');
    const taken = await act(expert!, r.id, 'take');
    expect(taken.json()).toMatchObject({ status: 'expert_review', statusLabel: 'بررسی کارشناس', actions: ['refer', 'request_information'] });
    // Refer needs the recommendation; NUL is refused; the manager cannot refer.
    expect((await act(expert!, r.id, 'refer', {})).json().error.code).toBe('VALIDATION_FAILED');
    expect((await act(expert!, r.id, 'refer', { note: 'نظر\u0000پنهان' })).statusCode).toBe(400);
    expect((await act(north!, r.id, 'refer', { note: 'x' })).statusCode).toBe(403);
    const referred = await act(expert!, r.id, 'refer', { note: 'مدارک کامل است؛ پیشنهاد تأیید.' });
    expect(referred.json()).toMatchObject({ status: 'manager_signoff' });
    // The expert cannot sign; the manager of another unit holds no role where the request is.
    expect((await act(expert!, r.id, 'approve')).statusCode).toBe(403);
    expect((await act(south!, r.id, 'approve')).statusCode).toBe(403);
    expect((await inject('GET', `/requests/${r.id}`, north!)).json().actions).toEqual(['approve', 'approve_partially', 'reject', 'return_to_expert']);
    const returned = await act(north!, r.id, 'return_to_expert', { note: 'نظر حقوقی را هم بنویسید.' });
    expect(returned.json()).toMatchObject({ status: 'expert_review' });
    await act(expert!, r.id, 'refer', { note: 'نظر حقوقی افزوده شد.' });
    const partial = await act(north!, r.id, 'approve_partially', { note: 'یک نسخه صادر می‌شود.', notGranted: 'نسخهٔ دوم' });
    expect(partial.json()).toMatchObject({ status: 'partially_approved', outcome: 'partial', actions: [], decisionNote: 'یک نسخه صادر می‌شود.' });
    expect((await act(north!, r.id, 'approve')).json().error.code).toBe('REQUEST_ACTION_NOT_ALLOWED');
    // The applicant's view: the state in words and the timeline, no staff actions.
    const mine = (await inject('GET', `/requests/${r.id}`, citizen)).json();
    expect(mine).toMatchObject({ status: 'partially_approved', statusLabel: 'تأیید بخشی', actions: [] });
    expect(mine.history.map((h: { action: string }) => h.action)).toEqual(['submitted', 'taken', 'referred', 'returned', 'referred', 'partially_approved', 'answer_issued']);
    expect((await sent(r.id)).map((n) => n.template)).toEqual(expect.arrayContaining(['requests.received', 'requests.approved']));
    await sealAuditNow(t.ctx.database);
    const audit = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM audit_entries WHERE object_id = ${r.id} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual([
      'service_request.submit',
      'service_request.take',
      'service_request.refer',
      'service_request.return_to_expert',
      'service_request.refer',
      'service_request.approve_partially',
      'service_request.answer',
    ]);
  });

  it('sixteen concurrent referrals move the request once; a retry with the same Idempotency-Key returns the first answer', async () => {
    const citizen = await signInCitizen(t);
    const r = await submitDeskRequest(t, citizen, ids.expert!);
    const expert = await as('expertNorth');
    await act(expert, r.id, 'take');
    const results = await Promise.all(Array.from({ length: 16 }, () => act(expert, r.id, 'refer', { note: 'پیشنهاد تأیید' })));
    expect(results.filter((x) => x.statusCode === 200)).toHaveLength(1);
    expect(results.filter((x) => x.statusCode !== 200).every((x) => x.statusCode === 409)).toBe(true);
    expect((await eventsOf(r.id)).filter((e) => e.action === 'referred')).toHaveLength(1);
    const north = await as('managerNorth');
    const key = { 'idempotency-key': `approve-${r.id}` };
    const first = await act(north, r.id, 'approve', {}, key);
    const again = await act(north, r.id, 'approve', {}, key);
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.json()).toEqual(first.json());
    expect((await eventsOf(r.id)).filter((e) => e.action === 'approved')).toHaveLength(1);
    // An action name that is not an id is refused by the route's schema.
    expect((await act(north, r.id, 'DROP TABLE')).statusCode).toBe(400);
  });
});

describe('every decision issues the signed answer, whichever route and action make it', () => {
  /** A request of the expert-then-manager service at the manager's sign-off. */
  const atSignoff = async () => {
    const citizen = await signInCitizen(t);
    const r = await submitDeskRequest(t, citizen, ids.expert!);
    const expert = await as('expertNorth');
    await act(expert, r.id, 'take');
    await act(expert, r.id, 'refer', { note: 'پیشنهاد تأیید بخشی' });
    return { citizen, r, north: await as('managerNorth') };
  };
  const answerOf = (s: Session, id: string) => inject('GET', `/requests/${id}/answer`, s);
  const answersIn = async (id: string) =>
    (await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM request_answers WHERE request_id = ${id}`))[0]!.n;

  it('the steps say which decide; an action that approves in part issues the answer with the parts not granted', async () => {
    const { citizen, r, north } = await atSignoff();
    const view = (await inject('GET', `/requests/${r.id}`, north)).json();
    expect(view.outcome).toBeNull();
    expect(view.steps.map((s: { id: string; decision: string | null }) => [s.id, s.decision])).toEqual([
      ['approve', 'approve'],
      ['approve_partially', 'partial'],
      ['reject', 'reject'],
      ['return_to_expert', null],
    ]);
    // Refused before anything is stored: the parts not granted are missing; they go with a decision only.
    expect((await act(north, r.id, 'approve_partially', { note: 'یک نسخه' })).json().error.code).toBe('ANSWER_NOT_GRANTED_REQUIRED');
    expect((await act(north, r.id, 'return_to_expert', { note: 'دوباره ببینید', notGranted: 'هیچ' })).json().error.code).toBe('ANSWER_NOT_A_DECISION');
    expect((await inject('GET', `/requests/${r.id}`, north)).json()).toMatchObject({ status: 'manager_signoff', version: view.version });
    expect(await answersIn(r.id)).toBe(0);
    const done = await act(north, r.id, 'approve_partially', { note: 'یک نسخه صادر می‌شود.', notGranted: 'نسخهٔ دوم پروانه', version: view.version });
    expect(done.json()).toMatchObject({ status: 'partially_approved', outcome: 'partial' });
    const answer = (await answerOf(north, r.id)).json();
    expect(answer).toMatchObject({ decision: 'approved', partial: true, notGranted: 'نسخهٔ دوم پروانه', reasons: 'یک نسخه صادر می‌شود.', signatureCount: 0 });
    // Issued, waiting for its signature: the applicant sees it exists and downloads it once signed.
    expect((await answerOf(citizen, r.id)).json()).toMatchObject({ documentId: answer.documentId });
    expect((await inject('GET', `/requests/${r.id}/answer.pdf`, citizen)).json().error.code).toBe('ANSWER_NOT_SIGNED');
  });

  it('the answer dialog’s approval in part ends in the definition’s own state for it; sixteen concurrent decisions issue one answer', async () => {
    const { r, north } = await atSignoff();
    const body = { decision: 'partial', reasons: 'یک نسخه صادر می‌شود.', notGranted: 'نسخهٔ دوم' };
    const results = await Promise.all(Array.from({ length: 16 }, () => inject('POST', `/requests/${r.id}/answer`, north, body)));
    expect(results.filter((x) => x.statusCode === 200)).toHaveLength(1);
    expect(results.filter((x) => x.statusCode !== 200).every((x) => x.statusCode === 409)).toBe(true);
    expect((await inject('GET', `/requests/${r.id}`, north)).json()).toMatchObject({ status: 'partially_approved', outcome: 'partial' });
    expect(await answersIn(r.id)).toBe(1);
    expect((await eventsOf(r.id)).filter((e) => e.action === 'partially_approved')).toHaveLength(1);
  });

  it('a rejection through the action needs its reasons, then issues the answer; a move that does not decide issues none', async () => {
    const { r, north } = await atSignoff();
    expect((await act(north, r.id, 'return_to_expert', { note: 'نظر حقوقی را بنویسید.' })).json()).toMatchObject({ status: 'expert_review', outcome: null });
    expect(await answersIn(r.id)).toBe(0);
    await act(await as('expertNorth'), r.id, 'refer', { note: 'نظر حقوقی افزوده شد.' });
    expect((await act(north, r.id, 'reject', { note: 'a\u0000b' })).statusCode).toBe(400);
    expect((await act(north, r.id, 'reject', {})).json().error.code).toBe('ANSWER_REASONS_REQUIRED');
    expect((await act(north, r.id, 'reject', { note: 'مدارک با قانون سازگار نیست.' })).json()).toMatchObject({ status: 'rejected', outcome: 'rejected' });
    expect((await answerOf(north, r.id)).json()).toMatchObject({ decision: 'rejected', partial: false });
  });
});

describe('with an in-person step on the desk', () => {
  it('the applicant is told electronically when, why and with which originals to come; the clerk records the visit with the originals seen', async () => {
    const citizen = await signInCitizen(t);
    const r = await submitDeskRequest(t, citizen, ids.inPerson!);
    const [clerk, expert, north] = await Promise.all(['clerk', 'expertNorth', 'managerNorth'].map(as));
    await act(clerk!, r.id, 'take');
    expect((await act(expert!, r.id, 'invite', {})).json().error.code).toBe('VALIDATION_FAILED'); // when and why are required
    const note = 'شنبه ۸ اردیبهشت ساعت ۹ برای رؤیت اصل مدارک به میز خدمت حضوری اداره مراجعه کنید.';
    const invited = await act(expert!, r.id, 'invite', { note });
    expect(invited.json()).toMatchObject({ status: 'in_person' });
    const mine = (await inject('GET', `/requests/${r.id}`, citizen)).json();
    expect(mine).toMatchObject({ status: 'in_person', inPerson: { documents: ['اصل کارت ملی', 'اصل شناسنامه'], note } });
    const invitation = await rows<{ body: string }>(t.ctx.database.db, sql`SELECT body FROM notifications WHERE reference = ${r.id} AND template_id = 'requests.in_person_invitation' AND channel = 'in_app'`);
    expect(invitation).toHaveLength(1);
    expect(invitation[0]!.body).toContain('میز خدمت حضوری');
    expect(invitation[0]!.body).toContain('اصل کارت ملی');
    expect(invitation[0]!.body).toContain('ساعت');
    // The visit is recorded by the desk clerk only, and only with the originals the state needs seen.
    expect((await act(expert!, r.id, 'attended', { documents: ['national_card_original', 'birth_certificate_original'] })).statusCode).toBe(403);
    const missing = await act(clerk!, r.id, 'attended', { documents: ['national_card_original'] });
    expect(missing.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { missing: ['birth_certificate_original'] } });
    const attended = await act(clerk!, r.id, 'attended', { documents: ['national_card_original', 'birth_certificate_original'] });
    expect(attended.json()).toMatchObject({ status: 'decision', inPerson: null });
    expect((await act(north!, r.id, 'reject', {})).json().error.code).toBe('ANSWER_REASONS_REQUIRED');
    expect((await act(north!, r.id, 'approve')).json()).toMatchObject({ status: 'approved' });
    expect((await sent(r.id)).map((n) => n.template).filter((x) => x !== 'requests.received')).toEqual(
      expect.arrayContaining(['requests.in_person_invitation', 'requests.approved']),
    );
  });
});

describe('the cartable follows the definitions the agency runs', () => {
  it('a state an edited definition adds is open (listed by default, with its SLA badge), a decided request is not', async () => {
    const citizen = await signInCitizen(t);
    const clerk = await as('clerk');
    const [waiting, decided] = [await submitDeskRequest(t, citizen, ids.legal!), await submitDeskRequest(t, citizen, ids.legal!)];
    expect((await act(clerk, waiting.id, 'to_legal')).json()).toMatchObject({ status: 'legal_review', statusLabel: 'بررسی حقوقی' });
    await act(clerk, decided.id, 'to_legal');
    expect((await act(clerk, decided.id, 'approve')).json()).toMatchObject({ status: 'approved' });
    const list = async (query: string) =>
      (await inject('GET', `/cartable?serviceId=${ids.legal}&limit=100${query}`, clerk)).json<{ items: Array<{ id: string; sla: string | null; actions: string[] }> }>().items;
    const open = await list('');
    expect(open.map((r) => r.id)).toEqual([waiting.id]);
    expect(open[0]).toMatchObject({ sla: 'on_time', actions: expect.arrayContaining(['claim']) });
    expect((await list('&status=open&sla=on_time')).map((r) => r.id)).toEqual([waiting.id]);
    expect((await list('&status=legal_review')).map((r) => r.id)).toEqual([waiting.id]);
    const all = await list('&status=all');
    expect(all.map((r) => r.id).sort()).toEqual([waiting.id, decided.id].sort());
    expect(all.find((r) => r.id === decided.id)).toMatchObject({ sla: null });
    // The work item of the request in the edited state can be claimed: it is open by its own definition.
    expect((await inject('POST', `/requests/${waiting.id}/claim`, clerk, {})).statusCode).toBe(200);
  });
});

describe('a request keeps the workflow of the version it was submitted on', () => {
  it('a new version on another workflow changes nothing for running requests', async () => {
    const citizen = await signInCitizen(t);
    const id = await serviceOn(SIMPLE_APPROVAL, 'خدمت نسخه‌دار');
    const before = await submitDeskRequest(t, citizen, id);
    const db = t.ctx.database.db;
    const now = t.clock.now().toISOString();
    await db.execute(sql`UPDATE service_versions SET state = 'retired', retired_at = ${now}::timestamptz WHERE service_id = ${id}`);
    await db.execute(sql`
      INSERT INTO service_versions (service_id, version_no, state, form_schema, workflow, workflow_definition, created_at, updated_at, published_at)
      SELECT service_id, 2, 'published', form_schema, 'expert_then_manager', ${JSON.stringify(EXPERT_THEN_MANAGER)}::jsonb, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
        FROM service_versions WHERE service_id = ${id} AND version_no = 1`);
    const after = await submitDeskRequest(t, citizen, id);
    const clerk = await as('clerk');
    expect((await inject('GET', `/requests/${before.id}`, clerk)).json()).toMatchObject({ serviceVersion: 1, actions: ['take', 'approve', 'reject'] });
    expect((await inject('GET', `/requests/${after.id}`, clerk)).json()).toMatchObject({ serviceVersion: 2, actions: [] });
    expect((await act(clerk, before.id, 'approve')).json()).toMatchObject({ status: 'approved' });
  });
});

describe('the workflow timers', () => {
  it('an escalation tells the unit manager once per entry into the state, however often the job runs', async () => {
    const citizen = await signInCitizen(t);
    const r = await submitDeskRequest(t, citizen, ids.simple!);
    const start = t.clock.now();
    expect(await runRequestTimers(t.ctx, t.clock.now())).toMatchObject({ escalated: 0 });
    t.clock.advance(7 * DAY); // past two working days in `submitted`
    const first = await runRequestTimers(t.ctx, t.clock.now());
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    await runRequestTimers(t.ctx, t.clock.now());
    await Promise.all(Array.from({ length: 16 }, () => runRequestTimers(t.ctx, t.clock.now())));
    expect((await eventsOf(r.id)).filter((e) => e.action === 'escalated')).toHaveLength(1);
    const told = (await sent(r.id)).filter((n) => n.template === 'requests.escalated');
    // Both unit managers of the agency: the request is not yet served by a unit.
    expect(told.every((n) => n.personType === 'staff')).toBe(true);
    expect(told.length).toBeGreaterThanOrEqual(2);
    await sealAuditNow(t.ctx.database);
    const audit = await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM audit_entries WHERE object_id = ${r.id} AND action = 'service_request.escalate'`);
    expect(audit[0]!.n).toBe(1);
    t.clock.set(start);
  });

  it('a deadline takes its action once (silence means accept) even when sixteen runs overlap; a paused request is left alone', async () => {
    const citizen = await signInCitizen(t);
    const start = t.clock.now();
    const silent = await submitDeskRequest(t, citizen, ids.silence!);
    // Waiting for the applicant: the clock is paused, nothing escalates.
    const paused = await submitDeskRequest(t, citizen, ids.simple!);
    const clerk = await as('clerk');
    const taken = await act(clerk, paused.id, 'take');
    const asked = await inject('POST', `/requests/${paused.id}/corrections`, clerk, { fields: ['reason'], message: 'علت را کامل بنویسید.', version: taken.json().version });
    expect(asked.json()).toMatchObject({ status: 'awaiting_applicant' });
    t.clock.advance(30 * DAY);
    const runs = await Promise.all(Array.from({ length: 16 }, () => runRequestTimers(t.ctx, t.clock.now())));
    expect(runs.reduce((n, x) => n + x.acted, 0)).toBe(1);
    const clerkNow = await as('clerk'); // the sessions before idled out on the moved clock
    const after = (await inject('GET', `/requests/${silent.id}`, clerkNow)).json();
    expect(after).toMatchObject({ status: 'approved' });
    expect((await eventsOf(silent.id)).filter((e) => e.action === 'approved_by_silence')).toHaveLength(1);
    expect((await sent(silent.id)).map((n) => n.template)).toContain('requests.approved');
    const decided = await rows<{ decided: boolean }>(t.ctx.database.db, sql`SELECT decided_at IS NOT NULL AS decided FROM service_requests WHERE id = ${silent.id}`);
    expect(decided[0]!.decided).toBe(true);
    await sealAuditNow(t.ctx.database);
    const audit = await rows<{ action: string; actorType: string }>(t.ctx.database.db, sql`SELECT action, actor_type AS "actorType" FROM audit_entries WHERE object_id = ${silent.id} AND action = 'service_request.timer'`);
    expect(audit).toEqual([{ action: 'service_request.timer', actorType: 'system' }]);
    expect((await eventsOf(paused.id)).map((e) => e.action)).not.toContain('escalated');
    expect((await inject('GET', `/requests/${paused.id}`, clerkNow)).json()).toMatchObject({ status: 'awaiting_applicant' });
    t.clock.set(start);
  });

  it('the in-person step closes as withdrawn after ten working days without a visit, once', async () => {
    const citizen = await signInCitizen(t);
    const start = t.clock.now();
    const r = await submitDeskRequest(t, citizen, ids.inPerson!);
    const [clerk, expert] = await Promise.all(['clerk', 'expertNorth'].map(as));
    await act(clerk!, r.id, 'take');
    await act(expert!, r.id, 'invite', { note: 'دوشنبه ساعت ۱۰ به میز خدمت حضوری بیایید.' });
    t.clock.advance(5 * DAY);
    await runRequestTimers(t.ctx, t.clock.now());
    expect((await inject('GET', `/requests/${r.id}`, await as('clerk'))).json().status).toBe('in_person');
    t.clock.advance(30 * DAY);
    await Promise.all([runRequestTimers(t.ctx, t.clock.now()), runRequestTimers(t.ctx, t.clock.now())]);
    expect((await inject('GET', `/requests/${r.id}`, await as('clerk'))).json()).toMatchObject({ status: 'withdrawn', statusLabel: 'عدم مراجعهٔ متقاضی' });
    expect((await eventsOf(r.id)).filter((e) => e.action === 'no_show')).toHaveLength(1);
    expect((await sent(r.id)).map((n) => n.template)).toContain('requests.ended');
    t.clock.set(start);
  });
});
