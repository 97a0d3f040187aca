import { useQuery } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';
import { devOutboxQuery } from '../api';

/** In development only (when the server has `/dev/outbox`): where the simulated SMS can be read. */
export function DevOutboxHint() {
  const { t } = useTranslation();
  const { data: available } = useQuery(devOutboxQuery);
  if (!available) return null;
  return (
    <Notice tone="info" title={t('auth.citizen.devHintTitle')} className="dev-hint">
      <p>
        <Trans
          i18nKey="auth.citizen.devHint"
          components={{
            outbox: <a href="/dev/outbox" target="_blank" rel="noopener" dir="ltr" />,
          }}
        />
      </p>
    </Notice>
  );
}
