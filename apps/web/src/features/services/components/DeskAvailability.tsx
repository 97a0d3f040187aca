import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';
import { AlertIcon } from '../../../components/icons';
import type { PublicService } from '../../../lib/contracts';
import { ChannelsText } from '../../catalogue';

/** A short label for a list: expired, not requested online, or not in the catalogue (nothing when open and linked). */
export function DeskBadge({ service }: { service: PublicService }) {
  const { t } = useTranslation();
  if (service.availability !== 'open')
    return (
      <span className="badge badge--inline badge--warning">
        <AlertIcon />
        {t(`deskAvailability.badge.${service.availability}`)}
      </span>
    );
  if (!service.catalogueServiceId)
    return <span className="badge badge--inline">{t('deskAvailability.badge.notInCatalogue')}</span>;
  return null;
}

/**
 * Why a desk service takes no new requests, and how else it is delivered, as a notice with the way to
 * its information package; nothing for an open service.
 */
export function DeskUnavailableNotice({ service }: { service: PublicService }) {
  const { t } = useTranslation();
  if (service.availability === 'open') return null;
  const expired = service.availability === 'expired';
  return (
    <Notice
      tone="warning"
      title={expired ? t('deskAvailability.expiredTitle') : t('deskAvailability.notElectronicTitle')}
    >
      <p>{expired ? t('deskAvailability.expiredBody') : t('deskAvailability.notElectronicBody')}</p>
      {!expired && service.channels ? (
        <p className="desk-channels">
          <ChannelsText channels={service.channels} />
        </p>
      ) : null}
      {service.catalogueServiceId ? (
        <p>
          <Link to="/catalogue/$serviceId" params={{ serviceId: service.catalogueServiceId }}>
            {t('deskAvailability.openPackage')}
          </Link>
        </p>
      ) : null}
    </Notice>
  );
}
