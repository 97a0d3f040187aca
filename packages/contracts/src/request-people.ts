import { z } from 'zod';
import { RequestEvent, ServiceRequestView } from './requests';

/**
 * Who applied, as the request page shows it: the person (name, masked national code and mobile)
 * and the company they acted for. The full codes leave the server only through the audited
 * `POST /requests/:id/applicant/reveal`.
 */
export const RequestApplicant = z.object({
  person: z.object({
    name: z.string().nullable(),
    /** Masked, e.g. `001****419`. */
    nationalCode: z.string().nullable(),
    /** Masked, e.g. `0912***4567`. */
    mobile: z.string().nullable(),
  }),
  /** The company the person acted for (G2B services), with its legal-entity national id. */
  company: z.object({ name: z.string().nullable(), legalId: z.string().nullable() }).nullable(),
  /** Whether this viewer may reveal the masked values (the reveal call's own policy). */
  revealable: z.boolean(),
});
export type RequestApplicant = z.infer<typeof RequestApplicant>;

/** The answer of the reveal call: the applicant's national code and mobile in full. */
export const ApplicantReveal = z.object({ nationalCode: z.string().nullable(), mobile: z.string().nullable() });
export type ApplicantReveal = z.infer<typeof ApplicantReveal>;

/**
 * A history entry with the people named: the person who acted (staff see staff names; the
 * applicant sees a role for staff) and on whose behalf (the principal of a delegate, or the company
 * of a representative).
 */
export const RequestHistoryEntry = RequestEvent.extend({
  actorName: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  /** When the step moved the answer date (the applicant's reply after a correction: the paused working days added). */
  dueChange: z
    .object({ from: z.iso.datetime(), to: z.iso.datetime(), fromJalali: z.string(), toJalali: z.string(), pausedWorkingDays: z.number().int().min(0) })
    .nullable(),
});
export type RequestHistoryEntry = z.infer<typeof RequestHistoryEntry>;

/** A request with its people: the applicant and the named history. */
export const RequestWithPeople = ServiceRequestView.extend({
  applicant: RequestApplicant.nullable(),
  history: z.array(RequestHistoryEntry),
});
export type RequestWithPeople = z.infer<typeof RequestWithPeople>;
