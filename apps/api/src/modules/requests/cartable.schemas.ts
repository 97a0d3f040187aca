import { z } from 'zod';
import { RequestStatus } from '@dargah/contracts';
import { CartableRowView } from './request-views.schemas';

/*
 * The cartable's work items as the API shows them to desk staff: who holds each request, the SLA
 * badge, what the viewer may do with it now (`actions`), the internal notes and history.
 */
export const WorkActionName = z.enum(['claim', 'release', 'assign', 'refer', 'note']);
export const SlaBadge = z.enum(['on_time', 'due_soon', 'overdue']);
/** A note as typed: trimmed, 1 to 2000 characters (NUL and other control characters are refused by the platform). */
const Text = z.string().trim().min(1).max(2000);

export const ClaimView = z.object({
  holderId: z.uuid(),
  /** Staff see their colleagues' names. */
  holderName: z.string(),
  mine: z.boolean(),
  via: z.enum(['claim', 'assign', 'refer']),
  heldSince: z.iso.datetime(),
});

export const CartableWorkRow = CartableRowView.extend({
  serviceId: z.uuid(),
  /** The status in words, from the request's own workflow definition (a state an edited definition adds has its own). */
  statusLabel: z.string(),
  /** Open requests only: on time, due within 2 working days of the agency's calendar, or overdue. */
  sla: SlaBadge.nullable(),
  claim: ClaimView.nullable(),
  /** The claim's version, to send back with claim/release/assign/refer (0: never claimed). */
  claimVersion: z.number().int().min(0),
  actions: z.array(WorkActionName),
});
export type CartableWorkRow = z.infer<typeof CartableWorkRow>;

export const CartableQuery = z.object({
  // A status of the requests' workflow definitions (ADR 0034: any state id), or open / all.
  status: z.union([z.enum(['open', 'all']), RequestStatus]).default('open'),
  serviceId: z.uuid().optional(),
  sla: SlaBadge.optional(),
  claim: z.enum(['mine', 'unclaimed', 'all']).default('all'),
  /** A tracking code, an applicant's national code (or company's legal id), or part of a name; Persian digits and ي/ك accepted. */
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const WorkItemView = z.object({
  requestId: z.uuid(),
  agencyId: z.uuid(),
  claim: ClaimView.nullable(),
  claimVersion: z.number().int().min(0),
  actions: z.array(WorkActionName),
  notes: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['note', 'referral']),
      authorName: z.string(),
      mine: z.boolean(),
      toName: z.string().nullable(),
      body: z.string(),
      at: z.iso.datetime(),
    }),
  ),
  history: z.array(
    z.object({ action: z.string(), at: z.iso.datetime(), actorName: z.string(), holderName: z.string().nullable() }),
  ),
});
export type WorkItemView = z.infer<typeof WorkItemView>;

export const ClaimBody = z.object({ version: z.number().int().min(0).optional() }).strict();
export const AssignBody = z.object({ staffId: z.uuid(), version: z.number().int().min(0).optional() }).strict();
export const ReferBody = z
  .object({ staffId: z.uuid(), note: Text, version: z.number().int().min(0).optional() })
  .strict();
export const NoteBody = z.object({ body: Text }).strict();

export const BulkBody = z
  .object({
    action: z.enum(['claim', 'assign']),
    requestIds: z.array(z.uuid()).min(1).max(50),
    /** For `assign`: the colleague. */
    staffId: z.uuid().optional(),
  })
  .strict()
  .refine((b) => b.action !== 'assign' || b.staffId !== undefined, {
    path: ['staffId'],
    message: 'staffId is required to assign',
  });

export const BulkResult = z.object({
  /** Always false: each item is done (or refused) on its own, with its own event and audit entry. */
  allOrNothing: z.literal(false),
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.object({ requestId: z.uuid(), ok: z.boolean(), code: z.string().nullable(), message: z.string().nullable() }),
  ),
});

export const Colleague = z.object({ id: z.uuid(), name: z.string(), assignable: z.boolean() });
export const ColleaguesView = z.object({ agencyId: z.uuid(), items: z.array(Colleague) });

export const LoadView = z.object({
  agencyId: z.uuid(),
  /** Open items nobody holds (requests belong to the agency until someone takes them, so agency-wide). */
  unclaimed: z.number().int(),
  unclaimedOverdue: z.number().int(),
  colleagues: z.array(z.object({ id: z.uuid(), name: z.string(), open: z.number().int(), overdue: z.number().int() })),
});
