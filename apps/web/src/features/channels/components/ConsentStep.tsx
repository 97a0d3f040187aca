import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DigitsInput } from '../../../components/DigitsInput';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import type { ConsentChallenge } from '../../../lib/contracts';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { startConsent } from '../api';

export interface Consent {
  consentId: string;
  code: string;
}

/**
 * The citizen's consent: their national code and a mobile registered to them (the server asks the
 * registry), then the six digits they read out from the SMS. `onChange` gets the consent and code
 * as typed (null until a code was sent).
 */
export function ConsentStep({ place, agencyId, idPrefix, onChange }: { place: 'counter' | 'walk-in'; agencyId?: string; idPrefix: string; onChange: (c: Consent | null) => void }) {
  const { t } = useTranslation();
  const [who, setWho] = useState({ nationalCode: '', mobile: '' });
  const [code, setCode] = useState('');
  const send = useMutation({
    mutationFn: () => startConsent(place, { ...who, ...(agencyId ? { agencyId } : {}) }),
    onSuccess: () => onChange(null),
  });
  const fields = fieldErrorsOf(send.error, 'body')?.fields ?? {};
  const sent: ConsentChallenge | undefined = send.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  const restart = () => {
    send.reset();
    setWho({ nationalCode: '', mobile: '' });
    setCode('');
    onChange(null);
  };
  return (
    <section className="card stack" aria-labelledby={`${idPrefix}-consent`}>
      <h2 id={`${idPrefix}-consent`} className="card__title">
        {t('channels.consent.title')}
      </h2>
      <p className="text-muted">{t('channels.consent.lead')}</p>
      <form className="stack" noValidate onSubmit={submit}>
        {(['nationalCode', 'mobile'] as const).map((name) => (
          <Field key={name} id={`${idPrefix}-${name}`} name={name} label={t(`channels.consent.${name}`)} error={fields[name]} required>
            {(props) => (
              <DigitsInput {...props} maxLength={20} disabled={Boolean(sent)} value={who[name]} onChange={(e) => setWho({ ...who, [name]: e.target.value })} />
            )}
          </Field>
        ))}
        {send.isError && !fieldErrorsOf(send.error, 'body') ? <ErrorNotice error={send.error} title={t('channels.form.failed')} /> : null}
        <div className="form-actions">
          {sent ? (
            <button type="button" className="button button--ghost" onClick={restart}>
              {t('channels.consent.restart')}
            </button>
          ) : (
            <SubmitButton pending={send.isPending}>{t('channels.consent.send')}</SubmitButton>
          )}
        </div>
      </form>
      {sent ? (
        <>
          <Notice tone="info" role="status" title={t('channels.consent.sent', { mobile: sent.mobileMasked })} />
          <Field id={`${idPrefix}-code`} name="code" label={t('channels.consent.code')} required>
            {(props) => (
              <DigitsInput
                {...props}
                autoComplete="off"
                maxLength={12}
                value={code}
                onChange={(e) => {
                  setCode(e.target.value);
                  onChange({ consentId: sent.consentId, code: e.target.value });
                }}
              />
            )}
          </Field>
        </>
      ) : null}
    </section>
  );
}
