import type { DeskAvailability } from '@dargah/contracts';
import type { ServicesCode } from './services.errors';

/**
 * Whether a desk service takes new requests (the desk and the catalogue tell one story). The
 * approved card, where there is one, decides:
 *  - its year has run out and it has not been renewed: `expired`;
 *  - it does not let the service be requested online (no electronic request channel, or a
 *    maturity below interactive): `not_electronic`;
 *  - otherwise, and for a desk service not linked to an approved card (linking is rolled out agency
 *    by agency; those deliveries are the discrepancy report's "delivered without an id"): `open`.
 */
export function availabilityOf(card: { expired: boolean; onlineRequest: boolean } | undefined): DeskAvailability {
  if (card?.expired) return 'expired';
  if (card && !card.onlineRequest) return 'not_electronic';
  return 'open';
}

/** The refusal of a request to a desk service that is not open. */
export const AVAILABILITY_ERRORS: Record<Exclude<DeskAvailability, 'open'>, ServicesCode> = {
  expired: 'SERVICE_CARD_EXPIRED',
  not_electronic: 'SERVICE_NOT_ELECTRONIC',
};
