import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { notify } from '../../platform/notify';
import { stateOf } from '../../platform/workflow';
import { requestApprovedTemplate, requestRejectedTemplate } from './requests.notifications';
import type * as repo from './requests.repository';
import { documentLabel } from './requests-workflow';
import { inPersonInvitationTemplate, requestEndedTemplate } from './workflow.notifications';

/**
 * What the applicant is told when their request moves (ADR 0034), in the move's transaction: a
 * decision (approved, approved in part, rejected), another ending (withdrawn, closed), or the
 * invitation to the in-person desk with when and why (the staff member's note) and the originals to
 * bring. Other moves inside the agency tell them nothing (their timeline shows them).
 */
export async function notifyMove(ctx: AppContext, tx: Tx, r: repo.RequestRow, to: string, note: string | null): Promise<void> {
  const s = stateOf(r.workflow, to);
  if (!s) return;
  const base = { to: { person: { type: 'citizen' as const, id: r.applicantId } }, agencyId: r.agencyId, reference: r.id };
  const about = { trackingCode: r.trackingCode, service: r.serviceTitleFa };
  if (s.inPerson) {
    const documents = (s.requiredDocuments ?? []).map((d) => documentLabel(d, 'fa')).join('، ') || '—';
    await notify(ctx, tx, inPersonInvitationTemplate, { ...base, personalisation: { ...about, note: note ?? '', documents } });
    return;
  }
  if (!s.terminal) return;
  if (s.outcome === 'approved' || s.outcome === 'partial') await notify(ctx, tx, requestApprovedTemplate, { ...base, personalisation: about });
  else if (s.outcome === 'rejected') await notify(ctx, tx, requestRejectedTemplate, { ...base, personalisation: about });
  else await notify(ctx, tx, requestEndedTemplate, { ...base, personalisation: { ...about, status: s.label.fa } });
}
