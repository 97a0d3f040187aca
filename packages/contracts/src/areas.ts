import { z } from 'zod';

/*
 * The parts of Dargah a signed-in person may open (issue 8 §2). The server decides them from the
 * person's grants, each module by the same policy its own endpoints apply, and sends them with the
 * session; the web app's navigation, the portal's area list and the staff home show only these.
 */

/** Every area, in the order a home shows its sections. */
export const AREA_NAMES = [
  /** `/me`: the citizen's desk (requests, profile). */
  'me',
  /** `/staff`: the staff home (every staff member has one, even with nothing to do yet). */
  'staff',
  /** The cartable of service requests (desk clerks, experts, unit managers). */
  'cartable',
  /** The service identity cards the person may read (`/staff/catalogue`). */
  'catalogue',
  /** Drafting and importing service identity cards for one's agencies. */
  'catalogueDrafting',
  /** The review queue of service identity cards (central review, or a parent agency's review). */
  'catalogueReview',
  /** The central review of delivery-report rows without a service id. */
  'deliveryReview',
  /** The service architecture (domains, layers, categories, marks, gaps). */
  'architecture',
  /** The licence register. */
  'licences',
  /** Delivery reports and the discrepancy report. */
  'reports',
  /** The desk reports: requests accepted and answered, time to answer (unit managers, agency administrators, central roles). */
  'deskReports',
  /** The desk evaluation scorecard: ten criteria per agency (agency administrators, central roles compare agencies and provinces). */
  'deskScorecard',
  /** The audit log (all agencies for auditors and platform administrators, one's own for an agency administrator). */
  'auditLog',
  /** The operations panel: readiness of the deployment and the audit chain's status. */
  'operations',
  /** Administration of agencies, units, staff, roles, delegations and API tokens (`/admin`). */
  'administration',
  /** The holiday calendar: a year's table (the central organisation) and local closures (agency administrators). */
  'holidayCalendar',
  /** Documents waiting for one's signature and one's signing keys (`/staff/documents`). */
  'documents',
  /** Locked signing keys of one's agencies, to unlock (agency and platform administrators). */
  'signerKeyUnlock',
  /** The call centre's lookup of a request by tracking code after the caller's identity check. */
  'callCentre',
  /** The applicants' ratings of closed requests: aggregates, and low ratings for unit managers. */
  'feedback',
  /** The counter operator's desk: requests entered for citizens at their counter office (counter operators). */
  'counterDesk',
  /** The agency's in-person desk: walk-in requests (desk clerks). */
  'walkIn',
  /** The counters' work on the agency's services (agency administrators, unit managers). */
  'counterWork',
] as const;
export type AreaName = (typeof AREA_NAMES)[number];

const flag = z.boolean();
/** `{ <area>: boolean }`, one key per area; part of the session answer. */
export const Areas = z.object({
  me: flag,
  staff: flag,
  cartable: flag,
  catalogue: flag,
  catalogueDrafting: flag,
  catalogueReview: flag,
  deliveryReview: flag,
  architecture: flag,
  licences: flag,
  reports: flag,
  deskReports: flag,
  deskScorecard: flag,
  auditLog: flag,
  operations: flag,
  administration: flag,
  holidayCalendar: flag,
  documents: flag,
  signerKeyUnlock: flag,
  callCentre: flag,
  feedback: flag,
  counterDesk: flag,
  walkIn: flag,
  counterWork: flag,
}) satisfies z.ZodType<Record<AreaName, boolean>>;
export type Areas = z.infer<typeof Areas>;

/** Nothing open: the starting point every module's answer is merged into. */
export const NO_AREAS: Areas = Object.fromEntries(AREA_NAMES.map((name) => [name, false])) as Areas;
