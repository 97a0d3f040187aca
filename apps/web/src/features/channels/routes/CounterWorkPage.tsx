import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DigitsInput } from '../../../components/DigitsInput';
import { Field } from '../../../components/Field';
import { PageHeader } from '../../../components/PageHeader';
import { QueryStates } from '../../../components/QueryStates';
import { UserText } from '../../../components/UserText';
import { InboxIcon } from '../../../components/icons';
import type { CounterWorkPage as Work } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useSession } from '../../identity';
import { agenciesQuery, agencyName } from '../../services';
import { counterWorkQuery, type CounterWorkFilter } from '../api';

/**
 * `/staff/counter-work`: an agency's administrators and unit managers oversee the requests counter
 * offices entered for its services: who, when, which service, at which office; filtered by office
 * and Jalali dates, a page at a time.
 */
export function CounterWorkPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  usePageTitle(t('channels.work.title'));
  const mine = [...new Set((session?.roles ?? []).filter((g) => g.role === 'agency_admin' || g.role === 'unit_manager').map((g) => g.agencyId))];
  const names = useQuery(agenciesQuery).data ?? [];
  const [agencyId, setAgencyId] = useState(mine[0] ?? '');
  const [draft, setDraft] = useState({ officeId: '', from: '', to: '' });
  const [filter, setFilter] = useState<CounterWorkFilter>({ offset: 0 });
  const work = useQuery({ ...counterWorkQuery(agencyId, filter), enabled: agencyId !== '' });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ ...draft, offset: 0 });
  };
  const nameOf = (id: string) => {
    const a = names.find((x) => x.id === id);
    return a ? agencyName(a, format.lang) : id === session?.agency?.id ? session.agency.name : id;
  };
  return (
    <div className="stack-lg">
      <PageHeader title={t('channels.work.title')} lead={t('channels.work.lead')} icon={<InboxIcon />} />
      <form className="card stack" onSubmit={apply} noValidate aria-label={t('channels.work.filter')}>
        {mine.length > 1 ? (
          <Field id="work-agency" name="agencyId" label={t('channels.work.agency')} required>
            {(props) => (
              <select {...props} className="input" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
                {mine.map((id) => (
                  <option key={id} value={id}>
                    {nameOf(id)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field id="work-office" name="officeId" label={t('channels.work.office')}>
          {(props) => (
            <select {...props} className="input" value={draft.officeId} onChange={(e) => setDraft({ ...draft, officeId: e.target.value })}>
              <option value="">{t('channels.work.allOffices')}</option>
              {(work.data?.offices ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(['from', 'to'] as const).map((k) => (
          <Field key={k} id={`work-${k}`} name={k} label={t(`channels.work.${k}`)} help={t('channels.work.dateHelp')}>
            {(props) => <DigitsInput {...props} maxLength={12} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />}
          </Field>
        ))}
        <div className="form-actions">
          <button type="submit" className="button">
            {t('channels.work.filter')}
          </button>
        </div>
      </form>
      <QueryStates query={work} loadingLabel={t('channels.loading')} isEmpty={(w) => w.items.length === 0} empty={<p className="card">{t('channels.work.none')}</p>}>
        {(w) => <WorkTable work={w} filter={filter} onPage={setFilter} />}
      </QueryStates>
    </div>
  );
}

function WorkTable({ work, filter, onPage }: { work: Work; filter: CounterWorkFilter; onPage: (f: CounterWorkFilter) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card stack" aria-labelledby="work-caption">
      <div className="table-scroll">
        <table className="table">
          <caption id="work-caption">
            {t('channels.work.caption')} — {t('channels.work.total', { n: format.number(work.total) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('channels.work.when')}</th>
              <th scope="col">{t('channels.work.trackingCode')}</th>
              <th scope="col">{t('channels.work.service')}</th>
              <th scope="col">{t('channels.work.office')}</th>
              <th scope="col">{t('channels.work.operator')}</th>
            </tr>
          </thead>
          <tbody>
            {work.items.map((i) => (
              <tr key={i.requestId}>
                <td>{format.dateTime(i.submittedAt)}</td>
                <td dir="ltr">{format.digits(i.trackingCode)}</td>
                <td>
                  <UserText>{i.serviceTitle}</UserText>
                </td>
                <td>
                  <UserText>{i.officeName}</UserText>
                </td>
                <td>
                  <UserText>{i.operatorName}</UserText>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        {filter.offset > 0 ? (
          <button type="button" className="button button--secondary" onClick={() => onPage({ ...filter, offset: Math.max(0, filter.offset - 20) })}>
            {t('channels.work.previous')}
          </button>
        ) : null}
        {work.nextOffset !== null ? (
          <button type="button" className="button button--secondary" onClick={() => onPage({ ...filter, offset: work.nextOffset! })}>
            {t('channels.work.more')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
