import { CartableItem, RequestWithPeople } from '@dargah/contracts';
import { z } from 'zod';

/**
 * The contract's views with fields added for the web app (never renamed): the row `version` to
 * send back with take/decide (a stale one gets 409 CONFLICT), and the actions the viewer may take
 * now (empty for the applicant).
 */
export const RequestActionName = z.enum(['take', 'approve', 'reject', 'request_information']);

export const RequestView = RequestWithPeople.extend({
  version: z.number().int(),
  actions: z.array(RequestActionName),
});
export type RequestView = z.infer<typeof RequestView>;

export const CartableRowView = CartableItem.extend({
  agencyId: z.uuid(),
  dueDateJalali: z.string(),
  version: z.number().int(),
});
export type CartableRowView = z.infer<typeof CartableRowView>;
