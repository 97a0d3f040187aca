/**
 * Limits shared by every app process, kept in the database: fixed-window request counters
 * (`hit`, `limitPerAddress` for routes) and growing delays after failed attempts
 * (`admitAttempt` … `settleSuccess`). Each decision is one statement, so it holds under
 * concurrency and however many processes serve the traffic.
 */
export * from './counters';
export * from './throttle';
export * from './http';
export { BatchedLimits } from './batched';
export * from './sweep';
