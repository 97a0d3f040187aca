import { describe, expect, it } from 'vitest';
import type { RequestView } from '../../lib/contracts';
import { otherSteps } from '../staff/components/WorkflowSteps';
import { isDecided, isEnded } from './api';

describe('a request’s end, from the outcome of its own definition', () => {
  it('an approval in part or under another state id is decided (its answer and rating follow); a withdrawal has ended without one', () => {
    expect(isDecided({ status: 'partially_approved', outcome: 'partial' })).toBe(true);
    expect(isDecided({ status: 'granted', outcome: 'approved' })).toBe(true);
    expect(isDecided({ status: 'rejected', outcome: 'rejected' })).toBe(true);
    expect(isDecided({ status: 'withdrawn', outcome: 'withdrawn' })).toBe(false);
    expect(isEnded({ status: 'withdrawn', outcome: 'withdrawn' })).toBe(true);
    expect(isEnded({ status: 'closed', outcome: 'closed' })).toBe(true);
    expect(isEnded({ status: 'manager_signoff', outcome: null })).toBe(false);
    // A state an edited definition names "approved" but that is not terminal is still open.
    expect(isDecided({ status: 'approved', outcome: null })).toBe(false);
  });

  it('a view without the outcome falls back to the simple-approval template’s two decided statuses', () => {
    expect(isDecided({ status: 'approved' })).toBe(true);
    expect(isEnded({ status: 'rejected' })).toBe(true);
    expect(isEnded({ status: 'in_review' })).toBe(false);
  });
});

describe('the workflow steps beside the decision buttons', () => {
  it('leaves out every step that decides, whatever its id, and the page’s own buttons', () => {
    const r = {
      steps: [
        { id: 'approve', label: 'تأیید', requiresNote: false, decision: 'approve' },
        { id: 'approve_partially', label: 'تأیید بخشی', requiresNote: true, decision: 'partial' },
        { id: 'deny_licence', label: 'رد پروانه', requiresNote: true, decision: 'reject' },
        { id: 'return_to_expert', label: 'بازگرداندن به کارشناس', requiresNote: true, decision: null },
        { id: 'take', label: 'برداشتن', requiresNote: false },
      ],
    } as unknown as RequestView;
    expect(otherSteps(r).map((s) => s.id)).toEqual(['return_to_expert']);
  });
});
