import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import * as identity from '../identity';
import { reviewConflict, type ReviewConflict, type ReviewerFacts } from './separation.policy';
import * as repo from './separation.repository';
import { OrganisationError } from './organisation.errors';

export type { ReviewConflict } from './separation.policy';

/** What is under review, as the reviewing module knows it. */
export interface ReviewSubject {
  /**
   * Staff ids who submitted it, as its submission event records them (actor and on-behalf-of);
   * nulls are ignored.
   */
  submittedBy?: ReadonlyArray<string | null | undefined>;
  /** The citizen who applied (a desk request): the same person as a staff member with their national code. */
  applicantCitizenId?: string | null;
  /** For a central review: the agency that owns it (its reviewers and those of the agencies above it are conflicted). */
  ownerAgencyId?: string | null;
}

const ids = (xs: ReadonlyArray<string | null | undefined> = []) => [...new Set(xs.filter((x): x is string => !!x))];

/** The reviewer's staff ids, agencies (home agencies and every agency of a role grant) and national codes. */
async function reviewerFacts(db: Db, actor: Actor): Promise<ReviewerFacts | null> {
  if (actor.type !== 'staff') return null;
  const staffIds = ids([actor.id, actor.onBehalfOfId]);
  const people = await repo.staffFacts(db, staffIds);
  return {
    staffIds,
    agencyIds: [...new Set([actor.agencyId, ...actor.grants.map((g) => g.agencyId), ...people.map((p) => p.agencyId)])],
    nationalCodes: people.flatMap((p) => (p.nationalCode ? [p.nationalCode] : [])),
  };
}

/**
 * Separation of duties for every review in Dargah (separation.policy.ts): why this actor may not
 * approve, return or reject the subject, or null. Capabilities and the operations both call it.
 */
export async function reviewConflictOf(db: Db, actor: Actor, subject: ReviewSubject): Promise<ReviewConflict | null> {
  const reviewer = await reviewerFacts(db, actor);
  if (!reviewer) return null; // only staff review; the operation's own checks refuse anyone else
  // One after the other: inside a transaction the queries share one connection anyway.
  const applicants = await identity.citizensByIds(db, ids([subject.applicantCitizenId]));
  const applicantNationalCodes = applicants.flatMap((c) => (c.nationalCode ? [c.nationalCode] : [])); // companies have none
  const ownerLineage = subject.ownerAgencyId ? await repo.agencyLineage(db, subject.ownerAgencyId) : [];
  return reviewConflict(reviewer, { submittedBy: ids(subject.submittedBy), applicantNationalCodes, ownerLineage });
}

/** Throws SELF_REVIEW_FORBIDDEN or REVIEWER_CONFLICT_OF_INTEREST (403) when the actor may not review the subject. */
export async function assertNoReviewConflict(
  db: Db,
  actor: Actor,
  subject: ReviewSubject,
  details: Record<string, unknown> = {},
): Promise<void> {
  const conflict = await reviewConflictOf(db, actor, subject);
  if (conflict) throw new OrganisationError(conflict, details);
}
