import type * as C from '@dargah/contracts';

/**
 * Types of the API contract (`@dargah/contracts`) for the web app. The package exports zod schemas;
 * these are their output types, named as the schemas are.
 */
type Out<T extends { _output: unknown }> = T['_output'];
type In<T extends { _input: unknown }> = T['_input'];

export type SessionInfo = C.SessionInfo;
export type OtpChallenge = Out<typeof C.OtpChallenge>;
export type CitizenProfile = Out<typeof C.CitizenProfile>;
export type CitizenProfileUpdate = In<typeof C.CitizenProfileUpdate>;
export type RoleName = Out<typeof C.RoleName>;
export type Agency = C.Agency;
/** What the public portal lists of an agency. */
export type PublicAgency = C.PublicAgency;
export type AgencyUpdate = In<typeof C.AgencyUpdate>;
export type StaffInput = In<typeof C.StaffInput>;
export type StaffMember = C.StaffMember;
export type RoleGrantInput = In<typeof C.RoleGrantInput>;
export type AgencyKind = Out<typeof C.AgencyKind>;
export type AgencyInput = In<typeof C.AgencyInput>;
export type OrgUnit = Out<typeof C.OrgUnit>;
export type OrgUnitInput = In<typeof C.OrgUnitInput>;
export type PublicService = C.PublicService;
export type RequestStatus = C.RequestStatus;
export type RequestEvent = Out<typeof C.RequestHistoryEntry>;
export type RequestApplicant = C.RequestApplicant;
export type ApplicantReveal = C.ApplicantReveal;
export type ServiceRequestView = C.ServiceRequestView;
/**
 * The API adds to its views (never renaming a field): the row `version` to send back with take and
 * decide (a stale one is refused with 409), and the actions the viewer may take now.
 */
export type RequestAction = 'take' | 'approve' | 'reject' | 'request_information' | (string & {});
/** A workflow action the viewer may take, in words (ADR 0034: the actions come from the request's definition). */
export interface WorkflowStep {
  id: string;
  label: string;
  requiresNote: boolean;
  /** The decision the step makes (taken with the signed answer: the answer dialog); null for any other move. */
  decision?: 'approve' | 'partial' | 'reject' | null;
}
export type RequestView = C.RequestWithPeople & {
  version?: number;
  actions?: RequestAction[];
  statusLabel?: string;
  /** How it ended (approved, partial, rejected, withdrawn, closed); null while open. */
  outcome?: C.Outcome | null;
  steps?: WorkflowStep[];
  /** In the in-person step: the originals to bring and the invitation's when and why. */
  inPerson?: { documents: string[]; documentKinds: string[]; note: string | null } | null;
  /** The fee paid for it through the payment gateway (ADR 0037); null when none was paid online. */
  payment?: RequestPayment | null;
};
export type RequestPayment = Out<typeof C.RequestPayment>;
export type PaymentView = Out<typeof C.PaymentView>;
export type PaymentStarted = Out<typeof C.PaymentStarted>;
export type MyPayment = Out<typeof C.MyPayment>;
export type FeeRule = Out<typeof C.FeeRule>;
export type WorkflowDefinition = C.WorkflowDefinition;
export type ServiceVersionInputBody = In<typeof C.UpdateServiceVersion>;
export type CartableItem = Out<typeof C.CartableItem> & { version?: number; dueDateJalali?: string };
export type SubmitRequest = Out<typeof C.SubmitRequest>;
export type DecideRequest = In<typeof C.DecideRequest>;
export type DecideWithAnswer = In<typeof C.DecideWithAnswer>;
export type RequestAnswer = Out<typeof C.RequestAnswer>;
export type LegalBasisOption = Out<typeof C.LegalBasisOption>;
export type LegalBasisOptions = Out<typeof C.LegalBasisOptions>;
export type AskCorrection = In<typeof C.AskCorrection>;
export type Correction = Out<typeof C.Correction>;
export type CorrectionList = Out<typeof C.CorrectionList>;
export type CorrectionReply = In<typeof C.CorrectionReply>;
export type PostRequestMessage = In<typeof C.PostRequestMessage>;
export type RequestAttachment = Out<typeof C.RequestAttachment>;
export type ServiceDocument = Out<typeof C.ServiceDocument>;
export type RequestUpload = Out<typeof C.RequestUpload>;
export type RequestDocument = Out<typeof C.RequestDocument>;
export type RequestDraft = Out<typeof C.RequestDraft>;
export type PutRequestDraft = In<typeof C.PutRequestDraft>;
export type DocumentAnswer = Out<typeof C.DocumentAnswer>;
export type RequestPrefill = Out<typeof C.RequestPrefill>;
export type RequestMessage = Out<typeof C.RequestMessage>;
/** Public tracking, the call centre's lookup and the applicants' ratings (issue 11 §8–10). */
export type PublicTracking = C.PublicTracking;
export type CallCentreLookup = C.CallCentreLookup;
export type CallCentreDesk = C.CallCentreDesk;
export type CallCentreLookupInput = In<typeof C.CallCentreLookupQuery>;
export type Feedback = C.Feedback;
export type FeedbackState = C.FeedbackState;
export type GiveFeedback = In<typeof C.GiveFeedback>;
export type FeedbackSummary = C.FeedbackSummary;
export type LowRating = C.LowRating;

/** A page of a list: `nextCursor` asks for the next one (`null`: this was the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Lists the API answers either as a page or as a bare array (e.g. small public lists). */
export function itemsOf<T>(body: Page<T> | T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : body.items;
}
/** Between the API and the server rendering of the public pages (ADR 0018). */
export type PageRequest = C.PageRequest;
export type PageAnswer = C.PageAnswer;
export type ServiceVersionView = C.ServiceVersionView;
export type ServiceVersionList = C.ServiceVersionList;
export type NewServiceVersion = In<typeof C.NewServiceVersion>;
export type UpdateServiceVersion = In<typeof C.UpdateServiceVersion>;
// Requests entered at counter offices and in-person desks (issue 11 item 9).
export type ConsentChallenge = C.ConsentChallenge;
export type ConsentStart = In<typeof C.ConsentStart>;
export type CounterDesk = C.CounterDesk;
export type WalkInDesk = C.WalkInDesk;
export type ChannelService = C.ChannelService;
export type CounterWorkPage = C.CounterWorkPage;
export type CounterWorkItem = C.CounterWorkItem;
export type RequestChannelView = C.RequestChannelView;
export type PostalChoice = In<typeof C.PostalChoice>;
export type PostalRetry = In<typeof C.PostalRetry>;
