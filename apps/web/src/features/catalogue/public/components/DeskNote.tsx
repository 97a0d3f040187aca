import { useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CheckIcon } from '../../../../components/icons';
import type { PublicService } from '../../../../lib/contracts';
import { ChannelsText } from '../../terms/ChannelsText';
import { deskServicesQuery, SEARCH_PAGE, type Channel } from '../api';

/**
 * The desk services delivering these catalogue services: one request per SEARCH_PAGE ids in order
 * (a page of results each, so loading more asks only for the new page). Returns a lookup by id.
 */
export function useDeskServices(serviceIds: readonly string[]): (serviceId: string) => PublicService[] | undefined {
  const chunks: string[][] = [];
  for (let i = 0; i < serviceIds.length; i += SEARCH_PAGE) chunks.push(serviceIds.slice(i, i + SEARCH_PAGE));
  const found = useQueries({ queries: chunks.map((ids) => deskServicesQuery(ids)) });
  return (serviceId) => found.find((d) => d.data?.has(serviceId))?.data?.get(serviceId);
}

/** What the catalogue knows of a service's delivery (search results, the agency page). */
export interface Delivered {
  expired: boolean;
  onlineRequest: boolean;
  channels: { request: Channel[]; delivery: Channel[] };
}

/**
 * Under a catalogue service: «applied for at the Dargah desk», linking to each desk service that
 * takes its requests; otherwise how the card says it is requested and delivered (nothing more for an
 * expired one: its badge says it).
 */
export function DeskNote({ service, desk }: { service: Delivered; desk: readonly PublicService[] | undefined }) {
  const { t } = useTranslation();
  const open = (desk ?? []).filter((d) => d.availability === 'open');
  if (open.length > 0)
    return (
      <p className="cp-result__desk">
        <CheckIcon />
        <span>{t('cataloguePublic.desk.onDesk')}</span>
        {open.map((d) => (
          <Link key={d.id} to="/services/$serviceId" params={{ serviceId: d.id }}>
            {t('cataloguePublic.desk.deskOf', { agency: d.agencyName })}
          </Link>
        ))}
      </p>
    );
  if (service.expired) return null;
  return (
    <p className="cp-result__desk desk-channels">
      <span>{service.onlineRequest ? t('cataloguePublic.desk.elsewhere') : t('cataloguePublic.desk.notOnline')}</span>
      <ChannelsText channels={service.channels} />
    </p>
  );
}
