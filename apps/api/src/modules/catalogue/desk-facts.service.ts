import { requestableOnline, type DeskChannels } from '@dargah/contracts';
import type { Db } from '../../platform/db';
import * as repo from './catalogue-public.repository';

/**
 * What the desk (the services module) may know of the approved services it delivers, read from the
 * public catalogue's projection (catalogue_entries): the same rows the public catalogue shows, so
 * the portal and the catalogue tell one story. Ids without an approved card are absent.
 */
export interface ApprovedServiceFacts {
  serviceId: string;
  title: string;
  titleEn: string | null;
  expiresAt: Date;
  expired: boolean;
  /** The card lets it be requested online (an electronic request channel and maturity). */
  onlineRequest: boolean;
  channels: DeskChannels;
}

export async function approvedServiceFacts(
  db: Db,
  serviceIds: readonly string[],
  now: Date,
): Promise<Map<string, ApprovedServiceFacts>> {
  const entries = await repo.entriesByServiceIds(db, [...new Set(serviceIds)]);
  return new Map(
    entries.map((e) => {
      const expiresAt = new Date(e.expiresAt);
      return [
        e.serviceId,
        {
          serviceId: e.serviceId,
          title: e.title,
          titleEn: e.titleEn,
          expiresAt,
          expired: expiresAt.getTime() <= now.getTime(),
          onlineRequest: requestableOnline({ maturity: e.maturity, requestChannels: e.requestChannels }),
          channels: { request: e.requestChannels, delivery: e.deliveryChannels } as DeskChannels,
        },
      ];
    }),
  );
}
