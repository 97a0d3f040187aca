import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { UserText } from '../../../components/UserText';
import { InboxIcon } from '../../../components/icons';
import type { CounterDesk } from '../../../lib/contracts';
import { usePageTitle } from '../../../lib/usePageTitle';
import { counterDeskQuery, submitAtCounter } from '../api';
import { ChannelForm } from '../components/ChannelForm';
import { ConsentStep, type Consent } from '../components/ConsentStep';

/**
 * `/staff/counter`: a counter operator submits a request for the citizen in the office: the
 * citizen's consent (a code to their registry-matched mobile, read out), then one of the services
 * delegated to the office and its form. The request is the citizen's; the office and the operator
 * are recorded with it.
 */
export function CounterPage() {
  const { t } = useTranslation();
  const desk = useQuery(counterDeskQuery);
  usePageTitle(t('channels.counter.title'));
  return (
    <PageQueryStates query={desk} icon={<InboxIcon />} loadingTitle={t('channels.loading')} failedTitle={t('channels.counter.title')}>
      {(d) => <Counter desk={d} />}
    </PageQueryStates>
  );
}

function Counter({ desk }: { desk: CounterDesk }) {
  const { t } = useTranslation();
  const [consent, setConsent] = useState<Consent | null>(null);
  return (
    <div className="stack-lg narrow">
      <PageHeader title={t('channels.counter.title')} lead={t('channels.counter.lead')} icon={<InboxIcon />} />
      <p className="text-muted">
        <UserText>{t('channels.counter.office', { office: desk.office.name })}</UserText>
      </p>
      {desk.office.active ? (
        <>
          <ConsentStep place="counter" idPrefix="counter" onChange={setConsent} />
          <ChannelForm
            idPrefix="counter"
            services={desk.services}
            ready={consent !== null}
            send={(body, key) => submitAtCounter({ ...body, consentId: consent!.consentId, code: consent!.code }, key)}
          />
        </>
      ) : (
        <Notice tone="warning" title={t('channels.counter.inactive')} />
      )}
    </div>
  );
}
