import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DigitsInput } from '../../../components/DigitsInput';
import { Field, Fieldset } from '../../../components/Field';
import { PageHeader } from '../../../components/PageHeader';
import { PageQueryStates } from '../../../components/PageQueryStates';
import { InboxIcon } from '../../../components/icons';
import type { WalkInDesk } from '../../../lib/contracts';
import { usePageTitle } from '../../../lib/usePageTitle';
import { submitWalkIn, walkInDeskQuery } from '../api';
import { ChannelForm } from '../components/ChannelForm';
import { ConsentStep, type Consent } from '../components/ConsentStep';

/**
 * `/staff/walk-in`: a desk clerk registers a walk-in request into the same flow: the person
 * identified by the code sent to their mobile, or by the clerk attesting they saw the original
 * national card (recorded with the request).
 */
export function WalkInPage() {
  const { t } = useTranslation();
  const desk = useQuery(walkInDeskQuery);
  usePageTitle(t('channels.walkIn.title'));
  return (
    <PageQueryStates query={desk} icon={<InboxIcon />} loadingTitle={t('channels.loading')} failedTitle={t('channels.walkIn.title')}>
      {(d) => <WalkIn desk={d} />}
    </PageQueryStates>
  );
}

function WalkIn({ desk }: { desk: WalkInDesk }) {
  const { t } = useTranslation();
  const agencies = [...new Map(desk.services.map((s) => [s.agencyId, s.agencyName])).entries()];
  const [agencyId, setAgencyId] = useState(agencies[0]?.[0] ?? '');
  const [method, setMethod] = useState<'otp' | 'card_seen'>('otp');
  const [consent, setConsent] = useState<Consent | null>(null);
  const [card, setCard] = useState({ nationalCode: '', attested: false });
  const services = desk.services.filter((s) => s.agencyId === agencyId);
  const ready = method === 'otp' ? consent !== null : card.attested && card.nationalCode.trim() !== '';
  return (
    <div className="stack-lg narrow">
      <PageHeader title={t('channels.walkIn.title')} lead={t('channels.walkIn.lead')} icon={<InboxIcon />} />
      <section className="card stack" aria-labelledby="walk-in-who">
        <h2 id="walk-in-who" className="card__title">
          {t('channels.walkIn.method')}
        </h2>
        {agencies.length > 1 ? (
          <Field id="walk-in-agency" name="agencyId" label={t('channels.walkIn.agency')} required>
            {(props) => (
              <select {...props} className="input" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
                {agencies.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Fieldset id="walk-in-method" legend={t('channels.walkIn.method')} required>
          {(describedBy) => (
            <div className="radios">
              {(['otp', 'card_seen'] as const).map((m) => (
                <div key={m} className="check">
                  <input id={`walk-in-method-${m}`} type="radio" name="method" value={m} aria-describedby={describedBy} checked={method === m} onChange={() => setMethod(m)} />
                  <label htmlFor={`walk-in-method-${m}`}>{t(m === 'otp' ? 'channels.walkIn.byCode' : 'channels.walkIn.byCard')}</label>
                </div>
              ))}
            </div>
          )}
        </Fieldset>
        {method === 'card_seen' ? (
          <>
            <Field id="walk-in-national-code" name="nationalCode" label={t('channels.consent.nationalCode')} required>
              {(props) => <DigitsInput {...props} maxLength={20} value={card.nationalCode} onChange={(e) => setCard({ ...card, nationalCode: e.target.value })} />}
            </Field>
            <div className="check">
              <input id="walk-in-attest" type="checkbox" checked={card.attested} onChange={(e) => setCard({ ...card, attested: e.target.checked })} />
              <label htmlFor="walk-in-attest">{t('channels.walkIn.attest')}</label>
            </div>
          </>
        ) : null}
      </section>
      {method === 'otp' ? <ConsentStep key={`consent-${agencyId}`} place="walk-in" agencyId={agencyId} idPrefix="walk-in" onChange={setConsent} /> : null}
      <ChannelForm
        key={`form-${agencyId}`}
        idPrefix="walk-in"
        services={services}
        ready={ready}
        send={(body, key) =>
          submitWalkIn(
            { ...body, identity: method === 'otp' ? { method: 'otp', consentId: consent!.consentId, code: consent!.code } : { method: 'card_seen', nationalCode: card.nationalCode, attestation: true } },
            key,
          )
        }
      />
    </div>
  );
}
