export { idempotencyClaim, once, type IdempotencyClaim, type Replayable } from './claim';
export { claimFrom, IDEMPOTENT_CREATE, IdempotencyHeaders, sendReplayable } from './http';
