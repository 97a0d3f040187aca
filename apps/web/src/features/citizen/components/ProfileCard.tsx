import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field, focusField } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import type { CitizenProfile } from '../../../lib/contracts';
import { fieldErrorsOf, firstInvalidField } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { profileQuery, updateProfile, useSession } from '../../identity';
import { normaliseDigits, postalCodeProblem } from '../../../lib/validation';
import { SubmitButton } from '../../../components/SubmitButton';

const FIELDS = ['name', 'postalCode', 'address'] as const;
type ProfileField = (typeof FIELDS)[number];
type Values = Record<ProfileField, string>;

/**
 * The citizen's profile: national code and mobile (from sign-in, read-only), and name, postal code
 * and address, entered once here and reused by every service form.
 */
export function ProfileCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(profileQuery);
  const { session } = useSession();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  const view = (p: CitizenProfile) => {
    if (editing)
      return (
        <ProfileForm
          profile={p}
          onDone={(didSave) => {
            setEditing(false);
            setSaved(didSave);
            // Back on the button that opened the form.
            requestAnimationFrame(() => document.getElementById('profile-edit')?.focus());
          }}
        />
      );
    const empty = <span className="text-muted">{t('me.profile.notGiven')}</span>;
    return (
      <>
        {saved ? (
          <Notice tone="success" role="status">
            <p>{t('me.profile.saved')}</p>
          </Notice>
        ) : null}
        <dl className="facts">
          {p.kind === 'company' ? (
            <div className="facts__row">
              <dt>{t('me.profile.legalId')}</dt>
              <dd>{p.legalId ? <bdi dir="ltr">{format.digits(p.legalId)}</bdi> : empty}</dd>
            </div>
          ) : (
            <div className="facts__row">
              <dt>{t('me.profile.nationalCode')}</dt>
              <dd>{p.nationalCode ? <bdi dir="ltr">{format.digits(p.nationalCode)}</bdi> : empty}</dd>
            </div>
          )}
          {p.kind === 'company' ? (
            <>
              <div className="facts__row">
                <dt>{t('desk.profile.companyName')}</dt>
                <dd>{p.name ? <bdi>{p.name}</bdi> : empty}</dd>
              </div>
              {session?.displayName ? (
                <div className="facts__row">
                  <dt>{t('desk.profile.representative')}</dt>
                  <dd>
                    <bdi>{format.name(session.displayName)}</bdi>
                  </dd>
                </div>
              ) : null}
            </>
          ) : (
            <>
              <div className="facts__row">
                <dt>{t('me.profile.mobile')}</dt>
                <dd>{p.mobile ? <bdi dir="ltr">{format.digits(p.mobile)}</bdi> : empty}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('me.profile.name')}</dt>
                <dd>{p.name ? <bdi>{p.name}</bdi> : empty}</dd>
              </div>
            </>
          )}
          <div className="facts__row">
            <dt>{t('me.profile.postalCode')}</dt>
            <dd>{p.postalCode ? <bdi dir="ltr">{format.digits(p.postalCode)}</bdi> : empty}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('me.profile.address')}</dt>
            <dd>{p.address ?? empty}</dd>
          </div>
        </dl>
      </>
    );
  };

  return (
    <section className="card stack" aria-labelledby="profile-title">
      <div className="card__header">
        <h2 id="profile-title" className="card__title">
          {t('me.profile.title')}
        </h2>
        {query.isSuccess && !editing ? (
          <button
            id="profile-edit"
            type="button"
            className="button button--ghost button--small"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t('me.profile.edit')}
          </button>
        ) : null}
      </div>
      <p className="text-muted">{t('me.profile.lead')}</p>
      <QueryStates query={query}>{view}</QueryStates>
    </section>
  );
}

function ProfileForm({ profile, onDone }: { profile: CitizenProfile; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>({
    name: profile.name ?? '',
    postalCode: profile.postalCode ?? '',
    address: profile.address ?? '',
  });
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Values>>({});
  const labels: Values = {
    name: profile.kind === 'company' ? t('desk.profile.companyName') : t('me.profile.name'),
    postalCode: t('me.profile.postalCode'),
    address: t('me.profile.address'),
  };

  const save = useMutation({
    mutationFn: updateProfile,
    onSuccess: (next) => {
      queryClient.setQueryData(profileQuery.queryKey, next);
      onDone(true);
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error)?.fields ?? {};
      setServerErrors(fields);
      const first = firstInvalidField(FIELDS, fields);
      if (first) focusField(`profile-${first}`);
    },
  });

  const nameTrimmed = values.name.trim();
  const local: Partial<Values> = {
    name: nameTrimmed !== '' && [...nameTrimmed].length < 2 ? t('validation.tooShort', { count: 2, n: 2 }) : undefined,
    postalCode: (() => {
      const key = postalCodeProblem(values.postalCode);
      return key ? t(key) : undefined;
    })(),
    address: [...values.address.trim()].length > 500 ? t('validation.tooLong', { count: 500, n: 500 }) : undefined,
  };
  const shown = (name: ProfileField) => (submitted ? local[name] : undefined) ?? serverErrors[name];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (save.isPending) return;
    const first = firstInvalidField(FIELDS, local);
    if (first) {
      focusField(`profile-${first}`);
      return;
    }
    // Only what was given: an empty box leaves the stored value as it is.
    save.mutate({
      ...(nameTrimmed ? { name: nameTrimmed } : {}),
      ...(values.postalCode.trim() ? { postalCode: normaliseDigits(values.postalCode) } : {}),
      ...(values.address.trim() ? { address: values.address.trim() } : {}),
    });
  };

  const summary = FIELDS.filter((f) => shown(f)).map((f) => ({
    field: `profile-${f}`,
    label: labels[f],
    message: shown(f)!,
  }));
  const change = (name: ProfileField) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [name]: event.target.value }));
    setServerErrors((e) => ({ ...e, [name]: undefined }));
  };

  return (
    <form className="stack" noValidate onSubmit={onSubmit}>
      <ErrorSummary id="profile-errors" errors={summary} />
      {save.isError && !fieldErrorsOf(save.error) ? <ErrorNotice error={save.error} /> : null}
      <Field id="profile-name" name="name" label={labels.name} error={shown('name')}>
        {(props) => (
          <input {...props} className="input" autoComplete="name" value={values.name} onChange={change('name')} />
        )}
      </Field>
      <Field
        id="profile-postalCode"
        name="postalCode"
        label={labels.postalCode}
        help={t('me.profile.postalCodeHelp')}
        error={shown('postalCode')}
      >
        {(props) => (
          <input
            {...props}
            className="input input--digits"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={12}
            value={values.postalCode}
            onChange={change('postalCode')}
          />
        )}
      </Field>
      <Field id="profile-address" name="address" label={labels.address} error={shown('address')}>
        {(props) => (
          <textarea
            {...props}
            className="input"
            rows={3}
            autoComplete="street-address"
            value={values.address}
            onChange={change('address')}
          />
        )}
      </Field>
      <div className="form-actions">
        <SubmitButton pending={save.isPending}>{t('common.save')}</SubmitButton>
        <button type="button" className="button button--ghost" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
