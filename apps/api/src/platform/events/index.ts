export { appendEvent, type EventInput } from './append';
export { recordChange, type Change } from './record';
