import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UserText } from '../../../components/UserText';
import { useFormat } from '../../../lib/format';
import { unitLoadQuery } from './api';

/**
 * The unit manager's view of the unit's load: per colleague the open requests they hold and how
 * many are overdue, and the unclaimed ones. Shown when the server offers the viewer `assign` (the
 * manager's action); anyone else is refused by the server and sees nothing here.
 */
export function SupervisorPanel({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const load = useQuery({ ...unitLoadQuery, enabled, retry: false });
  if (!enabled || !load.data) return null;
  const l = load.data;
  return (
    <section className="card stack" aria-labelledby="unit-load-title">
      <h2 id="unit-load-title" className="card__title">
        {t('cartableWork.supervisor')}
      </h2>
      <p className="text-muted">{t('cartableWork.supervisorLead')}</p>
      <p>
        {t('cartableWork.unclaimedCount', {
          n: format.number(l.unclaimed),
          overdue: format.number(l.unclaimedOverdue),
        })}
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('cartableWork.colleague')}</th>
              <th scope="col">{t('cartableWork.colleagueOpen')}</th>
              <th scope="col">{t('cartableWork.colleagueOverdue')}</th>
            </tr>
          </thead>
          <tbody>
            {l.colleagues.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <UserText>{c.name}</UserText>
                </th>
                <td>{format.number(c.open)}</td>
                <td>
                  {c.overdue > 0 ? (
                    <span className="badge badge--danger badge--inline">{format.number(c.overdue)}</span>
                  ) : (
                    format.number(0)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
