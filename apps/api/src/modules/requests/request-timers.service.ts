import { systemActor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { notify } from '../../platform/notify';
import { dueTimers, isTerminal, stateOf, timerTransition, workingDeadlines, type WorkflowTimer } from '../../platform/workflow';
import { calendarFor } from '../calendar';
import { activeStaffWithRoles, type StaffWithGrants } from '../organisation';
import { versionWorkflows } from '../services';
import { answerDuration } from './answer-duration.model';
import * as reads from './request-rows.service';
import * as repo from './requests.repository';
import { notifyMove } from './requests-moves.service';
import { requestEscalatedTemplate } from './workflow.notifications';

/*
 * The desk's workflow timers (ADR 0034): a job scans open requests, asks the engine which timers of
 * their state are due (dueTimers, on the agency's working calendar, from the instant the request
 * entered the state), and fires each in its own transaction. An escalation tells the unit manager
 * (the timer's role, in the unit serving the request or agency-wide) once per entry into the state;
 * a deadline takes its action as the system (silence means accept or refuse), with an event and an
 * audit entry. The request row is locked and its state re-read, and each firing is recorded under a
 * key of (request, timer, state entry): overlapping runs fire each timer once. A request waiting for
 * its applicant has no escalation (its clock is paused; the engine leaves it out).
 */

const BATCH = 500;

export interface TimerRun {
  escalated: number;
  acted: number;
}

/** Holders of a role where the request is: agency-wide, or in the unit serving it (any unit before one does). */
const where = (staff: StaffWithGrants[], role: string, unitId: string | null) =>
  staff.filter((s) => s.grants.some((g) => g.role === role && (unitId === null || g.unitId === null || g.unitId === unitId)));

async function fire(ctx: AppContext, c: repo.TimerCandidate, timer: WorkflowTimer, now: Date): Promise<'escalated' | 'acted' | null> {
  return withTransaction(ctx.database, async (tx) => {
    // Locked and re-read: the request must still be in the state it was in when the timer fell due.
    const locked = await repo.lockStateOf(tx.db, c.id);
    if (!locked || locked.status !== c.status || locked.stateEnteredAt.getTime() !== c.stateEnteredAt.getTime()) return null;
    const firstTime = await repo.recordTimerFiring(tx.db, { requestId: c.id, timerId: timer.id, state: c.status, stateEnteredAt: c.stateEnteredAt, kind: timer.kind }, now);
    if (!firstTime) return null;
    const r = (await reads.findRequest(tx.db, c.id))!;
    const w = { actor: systemActor, origin: {}, at: now };
    if (timer.kind === 'escalate') {
      const managers = where(await activeStaffWithRoles(tx.db, r.agencyId, [timer.notifyRole as never]), timer.notifyRole, r.unitId);
      const status = stateOf(r.workflow, r.status)?.label.fa ?? r.status;
      for (const m of managers)
        await notify(ctx, tx, requestEscalatedTemplate, {
          to: { person: { type: 'staff', id: m.id } },
          personalisation: { trackingCode: r.trackingCode, service: r.serviceTitleFa, status },
          agencyId: r.agencyId,
          reference: r.id,
        });
      await recordChange(tx, w, {
        stream: repo.STREAM,
        id: r.id,
        event: timer.event,
        audit: 'service_request.escalate',
        agencyId: r.agencyId,
        details: { trackingCode: r.trackingCode, timer: timer.id, state: r.status, notified: managers.map((m) => m.id) },
        payload: { timer: timer.id, state: r.status, role: timer.notifyRole },
      });
      return 'escalated';
    }
    const move = timerTransition(r.workflow, timer);
    if (!move) return null;
    const decided = isTerminal(r.workflow, move.to);
    const moved = await repo.advanceRequest(tx.db, r.id, locked.version, {
      status: move.to,
      decidedAt: decided ? now : null,
      decisionNote: null,
      unitId: null,
      answer: decided ? answerDuration(await calendarFor(tx.db, r.agencyId), r.submittedAt, now) : null,
    }, now);
    if (!moved) return null;
    await recordChange(tx, w, {
      stream: repo.STREAM,
      id: r.id,
      event: move.event,
      audit: 'service_request.timer',
      agencyId: r.agencyId,
      details: { trackingCode: r.trackingCode, timer: timer.id, from: r.status, to: move.to, silenceMeans: timer.silenceMeans ?? null },
      payload: { from: r.status, to: move.to, timer: timer.id, ...(timer.silenceMeans ? { silenceMeans: timer.silenceMeans } : {}) },
    });
    await notifyMove(ctx, tx, r, move.to, null);
    return 'acted';
  });
}

/** One scan: every due timer of every open request, each fired at most once per entry into its state. */
export async function runRequestTimers(ctx: AppContext, now: Date): Promise<TimerRun> {
  const out: TimerRun = { escalated: 0, acted: 0 };
  const db = ctx.database.db;
  const candidates = await repo.timerCandidates(db, now, BATCH);
  const defs = await versionWorkflows(db, candidates.map((c) => ({ serviceId: c.serviceId, versionNo: c.serviceVersion })));
  for (const c of candidates) {
    const def = defs.get(`${c.serviceId}:${c.serviceVersion}`);
    if (!def) continue;
    const add = workingDeadlines(await calendarFor(ctx, c.agencyId));
    for (const { timer } of dueTimers(def, c.status, c.stateEnteredAt, now, add)) {
      const done = await fire(ctx, c, timer, now);
      if (done === 'escalated') out.escalated++;
      if (done === 'acted') {
        out.acted++;
        break; // the request left the state: its other timers no longer apply
      }
    }
  }
  return out;
}
