import { useQuery } from '@tanstack/react-query';
import { QueryStates } from '../../../components/QueryStates';
import { useFormat } from '../../../lib/format';
import { gapsQuery } from '../api';
import { useSection } from './useSection';

// Gaps -------------------------------------------------------------------------------------------
export function GapsSection() {
  const format = useFormat();
  const gaps = useQuery(gapsQuery);
  const k = useSection('gaps');
  const body = (
    <QueryStates query={gaps}>
      {(data) => (
        <>
          {data.domains.length === 0 ? (
            <p className="text-muted">{k('empty')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="gaps-caption">
              <table className="data-table">
                <caption id="gaps-caption">{k('caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{k('domain')}</th>
                    <th scope="col">{k('approved')}</th>
                    <th scope="col">{k('categories')}</th>
                    <th scope="col">{k('gapsCol')}</th>
                    <th scope="col">{k('openMarks')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.domains.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">{d.title}</th>
                      <td>{format.number(d.approvedServices)}</td>
                      <td>
                        {d.categories.length === 0 ? (
                          <span className="text-muted">{k('noCategories')}</span>
                        ) : (
                          <ul className="architecture__cell-list">
                            {d.categories.map((c) => (
                              <li key={c.id} className={c.approvedServices === 0 ? 'is-gap' : undefined}>
                                {c.title}: {format.number(c.approvedServices)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        {d.gaps.length === 0 ? (
                          <span className="badge badge--success">{k('noGaps')}</span>
                        ) : (
                          <ul className="architecture__cell-list">
                            {d.gaps.map((c) => (
                              <li key={c.id}>
                                <span className="badge badge--warning">{k('gap')}</span> {c.title}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>{format.number(d.openMarks)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3 className="subpanel__title">{k('unclassifiedTitle')}</h3>
          {data.unclassifiedTotal === 0 ? (
            <p>{k('unclassifiedNone')}</p>
          ) : (
            <>
              <p>{k('unclassifiedTotal', { n: format.number(data.unclassifiedTotal) })}</p>
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="unclassified-caption">
                <table className="data-table">
                  <caption id="unclassified-caption">{k('unclassifiedCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{k('agency')}</th>
                      <th scope="col">{k('count')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.unclassified.map((u) => (
                      <tr key={u.agency.id}>
                        <th scope="row">{u.agency.name}</th>
                        <td>{format.number(u.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </QueryStates>
  );
  return (
    <section className="card stack" aria-labelledby="gaps-title">
      <div className="card__header">
        <h2 id="gaps-title" className="card__title">
          {k('title')}
        </h2>
      </div>
      <p className="text-muted">{k('lead')}</p>
      {body}
    </section>
  );
}
