/**
 * The laws register and missions, mirroring the API's `laws` module. No pages of its own yet (so no
 * `routes.tsx` and no `messages.ts`): the catalogue, change requests and licences cite its laws.
 */
export { lawQuery, lawsQuery, type Law } from './api';
