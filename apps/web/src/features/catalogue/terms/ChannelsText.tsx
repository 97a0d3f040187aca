import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { termLabel } from './labels';

/**
 * How a card says a service is requested and delivered, one line each («درخواست: حضوری، پیشخوان»):
 * what the portal and the public catalogue show of a service not requested online.
 */
export function ChannelsText({ channels }: { channels: { request: readonly string[]; delivery: readonly string[] } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sep = format.lang === 'fa' ? '، ' : ', ';
  const line = (stage: 'request' | 'delivery') =>
    channels[stage].length ? (
      <span className="desk-channel">
        {termLabel(t, 'channelStage', stage)}: {channels[stage].map((k) => termLabel(t, 'channel', k)).join(sep)}
      </span>
    ) : null;
  return (
    <>
      {line('request')}
      {line('delivery')}
    </>
  );
}
