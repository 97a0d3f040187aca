import { describe, expect, it } from 'vitest';
import { reviewConflict, type ReviewerFacts, type ReviewFacts } from './separation.policy';

const reviewer = (o: Partial<ReviewerFacts> = {}): ReviewerFacts => ({
  staffIds: ['r'],
  agencyIds: ['central'],
  nationalCodes: ['0013542419'],
  ...o,
});
const subject = (o: Partial<ReviewFacts> = {}): ReviewFacts => ({
  submittedBy: ['s'],
  applicantNationalCodes: [],
  ownerLineage: [],
  ...o,
});

describe('separation of duties', () => {
  it.each([
    ['an independent reviewer', reviewer(), subject({ ownerLineage: ['org', 'ministry'] }), null],
    ['the submitter', reviewer({ staffIds: ['s'] }), subject(), 'SELF_REVIEW_FORBIDDEN'],
    // A delegate acting for the submitter, or the submitter's delegate acting for someone else.
    ['a delegate for the submitter', reviewer({ staffIds: ['d', 's'] }), subject(), 'SELF_REVIEW_FORBIDDEN'],
    ['a submitter who acted as a delegate', reviewer({ staffIds: ['p'] }), subject({ submittedBy: ['s', 'p'] }), 'SELF_REVIEW_FORBIDDEN'],
    ['the applicant, by national code', reviewer(), subject({ applicantNationalCodes: ['0013542419'] }), 'SELF_REVIEW_FORBIDDEN'],
    ['someone else with a national code', reviewer(), subject({ applicantNationalCodes: ['0010350829'] }), null],
    ['a staff member without a national code', reviewer({ nationalCodes: [] }), subject({ applicantNationalCodes: ['0013542419'] }), null],
    ['a reviewer of the owning agency', reviewer({ agencyIds: ['central', 'org'] }), subject({ ownerLineage: ['org', 'ministry'] }), 'REVIEWER_CONFLICT_OF_INTEREST'],
    ['a reviewer of an agency above it', reviewer({ agencyIds: ['ministry'] }), subject({ ownerLineage: ['org', 'ministry'] }), 'REVIEWER_CONFLICT_OF_INTEREST'],
    ['a reviewer of a sub-agency', reviewer({ agencyIds: ['county'] }), subject({ ownerLineage: ['org', 'ministry'] }), null],
    ['a parent review (no lineage given)', reviewer({ agencyIds: ['ministry'] }), subject(), null],
    ['the submitter of the owning agency: self-review first', reviewer({ staffIds: ['s'], agencyIds: ['org'] }), subject({ ownerLineage: ['org'] }), 'SELF_REVIEW_FORBIDDEN'],
  ] as const)('%s', (_name, r, s, expected) => {
    expect(reviewConflict(r, s)).toBe(expected);
  });
});
