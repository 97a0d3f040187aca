import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DigitsInput } from '../../../components/DigitsInput';
import { Field } from '../../../components/Field';
import { UserText } from '../../../components/UserText';
import type { PostalChoice as PostalChoiceBody } from '../../../lib/contracts';
import { ApiError } from '../../../lib/api';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { profileQuery } from '../../identity';

/** The applicant's choice of postal delivery of the answer, as the apply page keeps it. */
export interface PostalState {
  on: boolean;
  /** To the address on the profile (when it has one), or to the one typed here. */
  to: 'profile' | 'given';
  postalCode: string;
  address: string;
  recipientName: string;
}
export const NO_POSTAL: PostalState = { on: false, to: 'profile', postalCode: '', address: '', recipientName: '' };

const GIVEN = ['postalCode', 'address', 'recipientName'] as const;

/** The body's `postal`: none when not chosen; `{}` for the profile's address; else what was typed. */
export function postalBody(p: PostalState, profileHasAddress: boolean): PostalChoiceBody | undefined {
  if (!p.on) return undefined;
  if (p.to === 'profile' && profileHasAddress) return {};
  return Object.fromEntries(GIVEN.filter((k) => p[k].trim() !== '').map((k) => [k, p[k].trim()]));
}

/** The profile has an address the post can deliver to. */
export const hasPostalAddress = (profile: { postalCode: string | null; address: string | null } | undefined) =>
  Boolean(profile?.postalCode && profile.address);

/**
 * "Receive the answer by post", where the service's published version offers it: to the address on
 * the applicant's profile (shown), or to one given here. The server's refusals are shown at the
 * fields: a malformed postal code or address (VALIDATION_FAILED at body.postal.*), and no address
 * at all (POSTAL_ADDRESS_MISSING, which then asks for one here).
 */
export function PostalChoice({ value, onChange, error }: { value: PostalState; onChange: (v: PostalState) => void; error: unknown }) {
  const { t } = useTranslation();
  const format = useFormat();
  const profile = useQuery({ ...profileQuery, retry: false });
  const onProfile = hasPostalAddress(profile.data);
  const missing = error instanceof ApiError && error.code === 'POSTAL_ADDRESS_MISSING' ? error.message : undefined;
  const errors: Partial<Record<(typeof GIVEN)[number], string>> = { ...(fieldErrorsOf(error, 'body.postal')?.fields ?? {}) };
  if (missing) {
    errors.postalCode ??= missing;
    errors.address ??= missing;
  }
  const given = !onProfile || value.to === 'given';
  return (
    <fieldset className="field fieldset stack" aria-describedby="apply-postal-help">
      <legend className="field__label">{t('apply.postal.legend')}</legend>
      <div className="check">
        <input id="apply-postal-on" type="checkbox" checked={value.on} onChange={(e) => onChange({ ...value, on: e.target.checked })} />
        <label htmlFor="apply-postal-on">{t('apply.postal.choose')}</label>
      </div>
      <p id="apply-postal-help" className="text-muted">
        {t('apply.postal.help')}
      </p>
      {value.on && onProfile ? (
        <div className="stack" role="radiogroup" aria-label={t('apply.postal.where')}>
          <div className="check">
            <input id="apply-postal-profile" type="radio" name="postal-to" checked={value.to === 'profile'} onChange={() => onChange({ ...value, to: 'profile' })} />
            <label htmlFor="apply-postal-profile">
              {t('apply.postal.toProfile')}: <UserText>{profile.data?.address ?? ''}</UserText>
              {' — '}
              {t('apply.postal.postalCode')} <span dir="ltr">{format.digits(profile.data?.postalCode ?? '')}</span>
            </label>
          </div>
          <div className="check">
            <input id="apply-postal-given" type="radio" name="postal-to" checked={value.to === 'given'} onChange={() => onChange({ ...value, to: 'given' })} />
            <label htmlFor="apply-postal-given">{t('apply.postal.toGiven')}</label>
          </div>
        </div>
      ) : null}
      {value.on && !onProfile && !profile.isPending ? <p role="note">{t('apply.postal.noProfileAddress')}</p> : null}
      {value.on && given
        ? GIVEN.map((k) => (
            <Field key={k} id={`apply-postal-${k}`} name={k} label={t(`apply.postal.${k}`)} error={errors[k]} required={k !== 'recipientName'}>
              {(props) =>
                k === 'postalCode' ? (
                  <DigitsInput {...props} maxLength={14} value={value[k]} onChange={(e) => onChange({ ...value, [k]: e.target.value })} />
                ) : (
                  <input
                    {...props}
                    className="input"
                    maxLength={k === 'address' ? 500 : 200}
                    autoComplete={k === 'address' ? 'street-address' : 'name'}
                    value={value[k]}
                    onChange={(e) => onChange({ ...value, [k]: e.target.value })}
                  />
                )
              }
            </Field>
          ))
        : null}
    </fieldset>
  );
}
