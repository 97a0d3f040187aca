import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { EmptyState } from '../../../components/EmptyState';
import { Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { SubmitButton } from '../../../components/SubmitButton';
import { UserText } from '../../../components/UserText';
import { ClockIcon } from '../../../components/icons';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { addClosure, closuresQuery, removeClosure, type CalendarCapabilities, type Closure } from '../api';

type Scope = { agencyId: string } | { province: string };
const scopeKey = (s: Scope) => ('agencyId' in s ? `a:${s.agencyId}` : `p:${s.province}`);

/**
 * The year's local closures of one agency or province the caller may change: listed, added, and
 * removed after a confirmation. Someone who may change none sees nothing to choose.
 */
export function ClosuresSection({ year, caps }: { year: number; caps: CalendarCapabilities | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const agencies = caps?.closureAgencies ?? [];
  const [scope, setScope] = useState<Scope | null>(agencies[0] ? { agencyId: agencies[0].id } : null);
  const [province, setProvince] = useState('');
  const current: Scope | null = scope ?? (agencies[0] ? { agencyId: agencies[0].id } : null);

  return (
    <section className="card stack" aria-labelledby={titleId}>
      <div className="card__header">
        <h2 id={titleId} className="card__title">
          {t('calendar.closures.title', { year: format.digits(year) })}
        </h2>
      </div>
      <p>{t('calendar.closures.lead')}</p>
      {agencies.length === 0 && !caps?.provinceClosures ? <p>{t('calendar.closures.readOnly')}</p> : null}
      {agencies.length > 1 || caps?.provinceClosures ? (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            if (province.trim()) setScope({ province: province.trim() });
          }}
        >
          {agencies.length > 0 ? (
            <Field id="closure-scope" label={t('calendar.closures.scope')}>
              {(props) => (
                <select
                  {...props}
                  className="input"
                  value={current && 'agencyId' in current ? current.agencyId : ''}
                  onChange={(e) => setScope({ agencyId: e.target.value })}
                >
                  {agencies.map((a) => (
                    <option key={a.id} value={a.id}>
                      {format.lang === 'en' && a.nameEn ? a.nameEn : a.nameFa}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          {caps?.provinceClosures ? (
            <>
              <Field id="closure-province" label={t('calendar.closures.province')} help={t('calendar.closures.provinceHelp')} required>
                {(props) => <input {...props} className="input" value={province} maxLength={100} onChange={(e) => setProvince(e.target.value)} />}
              </Field>
              <div className="form-actions">
                <button type="submit" className="button button--secondary">
                  {t('calendar.closures.show')}
                </button>
              </div>
            </>
          ) : null}
        </form>
      ) : null}
      {current ? <ScopeClosures key={scopeKey(current)} year={year} scope={current} caps={caps} /> : null}
    </section>
  );
}

function ScopeClosures({ year, scope, caps }: { year: number; scope: Scope; caps: CalendarCapabilities | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const query = useQuery(closuresQuery(year, scope));
  const [date, setDate] = useState(`${year}/`);
  const [title, setTitle] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Closure | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['calendar', 'closures', year] });
  const add = useMutation({
    mutationFn: () => addClosure({ date, titleFa: title, ...scope }),
    onSuccess: (c) => {
      setNotice(t('calendar.closures.added', { date: format.jalaliDay(c.date) }));
      setTitle('');
      void refresh();
    },
    onMutate: () => setNotice(null),
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeClosure(id),
    onSuccess: () => {
      setRemoving(null);
      setNotice(t('calendar.closures.removed'));
      void refresh();
    },
  });
  const errors = fieldErrorsOf(add.error);
  const agency = 'agencyId' in scope ? caps?.closureAgencies.find((a) => a.id === scope.agencyId) : undefined;
  const label = agency ? t('calendar.closures.agency', { name: agency.nameFa }) : 'province' in scope ? t('calendar.closures.provinceTag', { name: scope.province }) : '';

  return (
    <div className="stack">
      <h3 className="subpanel__title">
        <bdi>{label}</bdi>
      </h3>
      {notice ? <Notice tone="success" role="status">{notice}</Notice> : null}
      <QueryStates query={query} isEmpty={(rows) => rows.length === 0} empty={<EmptyState icon={<ClockIcon />} headingLevel={3} title={t('calendar.closures.empty')} />}>
        {(rows) => (
          <ul className="stack">
            {rows.map((c) => (
              <li key={c.id} className="subpanel form-actions">
                <span>
                  <strong>{format.jalaliDay(c.date, { weekday: true })}</strong> — <UserText>{c.titleFa}</UserText>
                </span>
                <button type="button" className="button button--ghost" onClick={() => setRemoving(c)}>
                  {t('calendar.closures.remove')}
                  <span className="visually-hidden"> {format.jalaliDay(c.date)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!add.isPending) add.mutate();
        }}
      >
        {add.isError && !errors ? <ErrorNotice error={add.error} title={t('calendar.closures.refused')} /> : null}
        <div className="form-grid">
          <Field id="closure-date" label={t('calendar.closures.date')} error={errors?.fields.date} required>
            {(props) => <input {...props} className="input" dir="ltr" inputMode="numeric" value={date} onChange={(e) => setDate(e.target.value)} />}
          </Field>
          <Field id="closure-title" label={t('calendar.closures.titleFa')} error={errors?.fields.titleFa} required>
            {(props) => <input {...props} className="input" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
        </div>
        {errors?.other.map((m) => <p key={m} className="field__error">{m}</p>)}
        <div className="form-actions">
          <SubmitButton pending={add.isPending}>{t('calendar.closures.add')}</SubmitButton>
        </div>
      </form>
      <Dialog
        open={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title={removing ? t('calendar.closures.removeTitle', { date: format.jalaliDay(removing.date) }) : ''}
        footer={
          <>
            <SubmitButton type="button" variant="danger" pending={remove.isPending} onClick={() => removing && remove.mutate(removing.id)}>
              {t('calendar.closures.removeConfirm')}
            </SubmitButton>
            <button type="button" className="button button--secondary" onClick={() => setRemoving(null)}>
              {t('calendar.closures.cancel')}
            </button>
          </>
        }
      >
        <div className="stack">
          {remove.isError ? <ErrorNotice error={remove.error} title={t('calendar.closures.refused')} /> : null}
          {removing ? <p>{t('calendar.closures.removeBody', { date: format.jalaliDay(removing.date), title: removing.titleFa })}</p> : null}
        </div>
      </Dialog>
    </div>
  );
}
