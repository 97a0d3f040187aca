/*
 * A case workflow as data (ADR 0027). The schema lives in `@dargah/contracts` (ADR 0034): a service
 * version stores a definition and the administrators' editor in the web app edits one, so both
 * sides read the same shape.
 */
export {
  OUTCOMES,
  Outcome,
  TimerDelay,
  WorkflowAction,
  WorkflowDefinitionSchema,
  WorkflowState,
  WorkflowText,
  WorkflowTimer,
  type WorkflowDefinition,
} from '@dargah/contracts';
