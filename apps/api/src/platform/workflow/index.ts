/** Case workflows as data and the one engine that runs them (ADR 0027). Pure: no database, no clock. */
export {
  OUTCOMES,
  WorkflowDefinitionSchema,
  type Outcome,
  type WorkflowAction,
  type WorkflowDefinition,
  type WorkflowState,
  type WorkflowText,
  type WorkflowTimer,
} from './definition';
export {
  assertValidDefinition,
  validateDefinition,
  WORKFLOW_PROBLEM_CODES,
  type ValidateOptions,
  type ValidationResult,
  type WorkflowProblem,
  type WorkflowProblemCode,
} from './validate';
export {
  actingRole,
  actionOf,
  allowedActions,
  dueTimers,
  isOpen,
  isTerminal,
  missingDocuments,
  scheduledTimers,
  slaDeadline,
  stateOf,
  targetOf,
  timerTransition,
  transition,
  TRANSITION_REFUSALS,
  type AddWorkingDays,
  type HeldRoles,
  type ScheduledTimer,
  type TransitionInput,
  type TransitionRefusal,
  type TransitionResult,
} from './engine';
export { workingDeadlines } from './calendar';
export {
  APPLICANT_ROLE,
  EXPERT_THEN_MANAGER,
  SIMPLE_APPROVAL,
  WITH_IN_PERSON_STEP,
  WORKFLOW_TEMPLATES,
} from './templates';
