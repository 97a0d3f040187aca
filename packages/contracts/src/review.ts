import { z } from 'zod';

/*
 * What the review screens may offer: each object's capabilities, one boolean per operation, computed
 * on the server by the same policy the operation calls (GET /api/v1/<objects>/:id/capabilities).
 * Separation of duties is part of that policy: whoever submitted something, and a central reviewer
 * of the agency that owns it (or of an agency above it), sees its review actions as false.
 */

/** The codes of a separation-of-duties refusal (403). */
export const REVIEW_CONFLICTS = ['SELF_REVIEW_FORBIDDEN', 'REVIEWER_CONFLICT_OF_INTEREST'] as const;
export type ReviewConflictCode = (typeof REVIEW_CONFLICTS)[number];

/** GET /catalogue/cards/:id/capabilities: what the caller may do to a service card now. */
export const CARD_CAPABILITIES = [
  'edit',
  'submit',
  'forward',
  'return',
  'approve',
  'reject',
  'requestChange',
  'renew',
] as const;
export type CardCapability = (typeof CARD_CAPABILITIES)[number];
export const CardCapabilities = z.object(
  Object.fromEntries(CARD_CAPABILITIES.map((k) => [k, z.boolean()])) as Record<CardCapability, z.ZodBoolean>,
);
export type CardCapabilities = z.infer<typeof CardCapabilities>;

/** GET /catalogue/delivery-report-rows/:id/capabilities: whether the caller may resolve a delivery-report row. */
export const DeliveryRowCapabilities = z.object({ resolve: z.boolean() });
export type DeliveryRowCapabilities = z.infer<typeof DeliveryRowCapabilities>;

/** GET /catalogue/marks/:id/capabilities: whether the caller may resolve a service mark. */
export const MarkCapabilities = z.object({ resolve: z.boolean() });
export type MarkCapabilities = z.infer<typeof MarkCapabilities>;
