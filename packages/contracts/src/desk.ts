import { z } from 'zod';
import { CHANNEL_KINDS, ELECTRONIC_CHANNELS, NOT_YET_ELECTRONIC } from './catalogue';

/*
 * The desk and the catalogue tell one story: a desk service (GET /services) delivers an approved
 * catalogue service, shows its approved title, and takes requests online only when its card says it
 * can be requested online and is in force.
 */

/**
 * Whether the card lets the service be requested online: a request channel that is electronic (web
 * or mobile app) and a maturity at which the service itself is delivered electronically (not
 * `non_electronic` or `informational`, and not unknown).
 */
export function requestableOnline(s: { maturity: string | null | undefined; requestChannels: readonly string[] }): boolean {
  return (
    !!s.maturity &&
    !(NOT_YET_ELECTRONIC as readonly string[]).includes(s.maturity) &&
    s.requestChannels.some((k) => (ELECTRONIC_CHANNELS as readonly string[]).includes(k))
  );
}

/**
 * Whether a desk service takes new requests, and if not why: `open`; `expired` (its card's year has
 * run out and it has not been renewed); `not_electronic` (its card says it is not requested online).
 * A desk service not (yet) linked to an approved catalogue service id is open: there is no card to
 * say otherwise, linking is rolled out agency by agency, and its deliveries are what the discrepancy
 * report lists as delivered without an id; the portal says it is not in the catalogue.
 */
export const DESK_AVAILABILITY = ['open', 'expired', 'not_electronic'] as const;
export const DeskAvailability = z.enum(DESK_AVAILABILITY);
export type DeskAvailability = z.infer<typeof DeskAvailability>;

/** How the card says the service is requested and delivered (for a service not taken online here). */
export const DeskChannels = z.object({
  request: z.array(z.enum(CHANNEL_KINDS)),
  delivery: z.array(z.enum(CHANNEL_KINDS)),
});
export type DeskChannels = z.infer<typeof DeskChannels>;
