import type { ApplicantReveal } from '@dargah/contracts';
import type { Actor, RequestOrigin } from '../../platform/actor';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { requireStaff } from '../../platform/actor';
import { findPeople, type Party } from '../organisation';
import { mayRevealApplicant } from './requests.policy';
import * as reads from './request-rows.service';
import type * as repo from './requests.repository';
import { RequestsError } from './requests.errors';

/** The people around some requests (applicants, companies, staff who acted), looked up once through identity. */
export interface People {
  citizens: Map<string, Party>;
  staff: Map<string, string>;
}

export function peopleOf(db: Db, requests: readonly repo.RequestRow[], events: readonly repo.RequestEventRow[]): Promise<People> {
  const citizens: string[] = [];
  const staff: string[] = [];
  for (const r of requests) citizens.push(r.applicantId, ...(r.onBehalfOfId ? [r.onBehalfOfId] : []));
  for (const e of events) {
    const ids = [e.actorId, e.onBehalfOfId].filter((x): x is string => x !== null);
    if (e.actorType === 'citizen') citizens.push(...ids);
    else if (e.actorType === 'staff') staff.push(...ids);
  }
  return findPeople(db, { citizens, staff });
}

/** A company's name as shown (its legal id when it has no name). */
export const companyName = (c: Party | undefined): string | null => (c ? (c.name ?? c.legalId) : null);

/**
 * Who acted, by name, as this viewer may see it: staff see everyone's names (and the principal a
 * delegate acted for); the applicant sees the names of citizens (a fellow representative of the
 * company, never themselves: that is «you») and of the company, but staff only by role.
 */
export function namesOf(e: repo.RequestEventRow, viewer: Actor, people: People): { actorName: string | null; onBehalfOfName: string | null } {
  if (e.actorType === 'citizen') {
    const self = viewer.type === 'citizen' && e.actorId === viewer.id;
    return {
      actorName: self || !e.actorId ? null : (people.citizens.get(e.actorId)?.name ?? null),
      onBehalfOfName: e.onBehalfOfId ? companyName(people.citizens.get(e.onBehalfOfId)) : null,
    };
  }
  if (e.actorType === 'staff' && viewer.type === 'staff') {
    return {
      actorName: e.actorId ? (people.staff.get(e.actorId) ?? null) : null,
      onBehalfOfName: e.onBehalfOfId ? (people.staff.get(e.onBehalfOfId) ?? null) : null,
    };
  }
  return { actorName: null, onBehalfOfName: null };
}

/**
 * The applicant's national code and mobile in full, for desk staff of the request's agency. Each
 * reveal is an audit entry naming who saw which applicant's data on which request; anyone else is
 * told the request does not exist (404), a citizen is refused (403).
 */
export async function revealApplicant(ctx: AppContext, actor: Actor, origin: RequestOrigin, requestId: string): Promise<ApplicantReveal> {
  requireStaff(actor);
  const now = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const r = await reads.findRequest(tx.db, requestId);
    if (!r || !mayRevealApplicant(actor, r)) throw new RequestsError('REQUEST_NOT_FOUND', { requestId });
    const person = (await findPeople(tx.db, { citizens: [r.applicantId] })).citizens.get(r.applicantId);
    audit(tx, {
      actor,
      origin,
      at: now,
      action: 'service_request.applicant_reveal',
      objectType: 'service_request',
      objectId: r.id,
      agencyId: r.agencyId,
      details: { trackingCode: r.trackingCode, applicantId: r.applicantId, fields: ['nationalCode', 'mobile'] },
    });
    return { nationalCode: person?.nationalCode ?? null, mobile: person?.mobile ?? null };
  });
}
