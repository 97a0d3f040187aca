import { z } from 'zod';

/*
 * A case workflow as data (ADR 0027): states, the actions out of each, who may take them, where
 * they lead, the SLA of each state in working days, and the timers the clock fires. Plain JSON, so
 * a service version can store its definition; `WorkflowDefinitionSchema` checks the shape and
 * `validateDefinition` (validate.ts) the graph. No domain rules here: role names, document kinds
 * and facts are opaque strings the caller gives meaning to.
 */

/** A Persian and an English text; Persian first. */
export const WorkflowText = z.object({ fa: z.string().min(1), en: z.string().min(1) }).strict();
export type WorkflowText = z.infer<typeof WorkflowText>;

/** Identifiers of states, actions, timers, events, roles and document kinds: lower snake case. */
const Id = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower_snake_case, at most 63 characters');

/** How a case ended, for reports and the applicant's view. */
export const OUTCOMES = ['approved', 'rejected', 'partial', 'withdrawn', 'closed'] as const;
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

export const WorkflowAction = z
  .object({
    id: Id,
    label: WorkflowText,
    /** Roles that may take the action, held in `scope` (the caller resolves agency and unit). */
    roles: z.array(Id),
    /**
     * Where the roles must be held, named by the caller (the catalogue: own, parent, central).
     * Without one: the roles the actor holds where the case is (`HeldRoles` as a plain list).
     */
    scope: Id.optional(),
    to: z.string(),
    /** Other targets, the first whose fact holds wins (e.g. `no_parent` → straight to central review). */
    branches: z.array(z.object({ when: Id, to: z.string() }).strict()).optional(),
    /** The event recorded in the case's stream (past tense, as the history shows it). */
    event: Id,
    /** The actor must write why (a refusal, a return). */
    requiresNote: z.boolean().optional(),
    /** The actor must attach a document (a letter, a report). */
    requiresDocument: z.boolean().optional(),
    /** This way out does not need the state's required documents (the applicant did not come). */
    withoutDocuments: z.boolean().optional(),
  })
  .strict();
export type WorkflowAction = z.infer<typeof WorkflowAction>;

export const WorkflowState = z
  .object({
    id: Id,
    label: WorkflowText,
    /** How long the agency has in this state, in working days; missed → the escalation timer fires. */
    slaWorkingDays: z.number().int().min(1).max(365).optional(),
    terminal: z.boolean().optional(),
    /** How a terminal state ends the case. */
    outcome: Outcome.optional(),
    /** Waiting for the applicant (a correction, an in-person visit): the SLA clock is paused. */
    waitingForApplicant: z.boolean().optional(),
    /** The applicant is invited to the in-person desk (told when, why and with which documents). */
    inPerson: z.boolean().optional(),
    /** Document kinds that must be on file before the case leaves this state. */
    requiredDocuments: z.array(Id).optional(),
    actions: z.array(WorkflowAction),
  })
  .strict();
export type WorkflowState = z.infer<typeof WorkflowState>;

/** Working days, or calendar days for a deadline a rule counts that way (the catalogue's week). */
export const TimerDelay = z.union([
  z.object({ workingDays: z.number().int().min(1).max(3650) }).strict(),
  z.object({ calendarDays: z.number().int().min(1).max(3650) }).strict(),
]);
export type TimerDelay = z.infer<typeof TimerDelay>;

export const WorkflowTimer = z.discriminatedUnion('kind', [
  z
    .object({
      id: Id,
      /** When the state's SLA is missed, the case is escalated to the holders of `notifyRole`. */
      kind: z.literal('escalate'),
      state: z.string(),
      notifyRole: Id,
      event: Id,
    })
    .strict(),
  z
    .object({
      id: Id,
      /** When the delay passes in the state, the system takes `action` (no role needed). */
      kind: z.literal('deadline'),
      state: z.string(),
      after: TimerDelay,
      action: z.string(),
      event: Id,
      /** A legal deadline: silence means accept (the action must approve) or refuse (it must reject). */
      silenceMeans: z.enum(['accept', 'refuse']).optional(),
    })
    .strict(),
]);
export type WorkflowTimer = z.infer<typeof WorkflowTimer>;

export const WorkflowDefinitionSchema = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    label: WorkflowText,
    initial: z.string(),
    states: z.array(WorkflowState).min(1),
    timers: z.array(WorkflowTimer),
  })
  .strict();
export type WorkflowDefinition = z.infer<typeof WorkflowDefinitionSchema>;
