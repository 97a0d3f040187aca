/**
 * Separation of duties (تفکیک وظایف), the one rule every review in Dargah applies: a service
 * card's parent and central review, change requests and renewals, delivery-report rows, service
 * marks, and the desk's decisions on requests.
 *
 *  - SELF_REVIEW_FORBIDDEN: the person who submitted something may not approve, return or reject
 *    it. A person is a staff member acting as themselves or as a delegate: both the delegate and
 *    the principal they act for count, on either side. Staff and citizens live in different tables;
 *    a staff member is the same person as a citizen applicant when their national codes match (a
 *    staff account without a national code matches no citizen).
 *  - REVIEWER_CONFLICT_OF_INTEREST: a central reviewer may not review what belongs to an agency
 *    they belong to (their home agency or any agency they hold a role in), nor to any agency above
 *    it (its parent and so on up): the ministry's people do not approve its organisation's cards.
 *    This applies to central reviews only; a parent agency's review is by design its own people's.
 *
 * Pure: the facts are loaded by separation.service.ts.
 */

export type ReviewConflict = 'SELF_REVIEW_FORBIDDEN' | 'REVIEWER_CONFLICT_OF_INTEREST';

/** Who is reviewing: the staff ids in play (the person, and whom they act for), their agencies and national codes. */
export interface ReviewerFacts {
  staffIds: readonly string[];
  agencyIds: readonly string[];
  nationalCodes: readonly string[];
}

/** What is under review, with everything the rule needs already resolved. */
export interface ReviewFacts {
  /** Staff ids who submitted it (an event's actor and on-behalf-of). */
  submittedBy: readonly string[];
  /** National codes of the citizen applicant(s) (a desk request). */
  applicantNationalCodes: readonly string[];
  /** The owning agency and every agency above it; empty when the review is not a central one. */
  ownerLineage: readonly string[];
}

/** Why the reviewer may not review it, or null when they may. Self-review is reported first. */
export function reviewConflict(reviewer: ReviewerFacts, subject: ReviewFacts): ReviewConflict | null {
  const submitted = new Set(subject.submittedBy);
  if (reviewer.staffIds.some((id) => submitted.has(id))) return 'SELF_REVIEW_FORBIDDEN';
  const applicants = new Set(subject.applicantNationalCodes);
  if (reviewer.nationalCodes.some((c) => applicants.has(c))) return 'SELF_REVIEW_FORBIDDEN';
  const lineage = new Set(subject.ownerLineage);
  if (reviewer.agencyIds.some((a) => lineage.has(a))) return 'REVIEWER_CONFLICT_OF_INTEREST';
  return null;
}
