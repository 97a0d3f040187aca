import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../../../components/QueryStates';
import { useFormat } from '../../../../lib/format';
import { diffQuery, versionsOf, type ServiceCardView } from '../api';
import { displayValue, fieldLabel } from '../labels';
import type { CardRefs } from '../refs';

/** The pair shown first: a change request against the version in force, else the last two versions. */
export function defaultPair(card: ServiceCardView): { from: number; to: number } {
  if (card.approvedVersion !== null && card.approvedVersion !== card.currentVersion)
    return { from: card.approvedVersion, to: card.currentVersion };
  const versions = versionsOf(card);
  const to = versions[versions.length - 1]!;
  return { from: Math.max(1, to - 1), to };
}

/**
 * Field by field, what changed between two versions of the card: a version picker (from, to) and
 * a table of field (its Persian label), before, after.
 */
export function CardDiffPanel({ card, refs }: { card: ServiceCardView; refs: CardRefs }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = versionsOf(card);
  const [pair, setPair] = useState(() => defaultPair(card));
  const fromId = useId();
  const toId = useId();
  const same = pair.from === pair.to;
  const diff = useQuery({ ...diffQuery(card.id, pair.from, pair.to), enabled: !same });
  const changeRequest = card.approvedVersion !== null && card.approvedVersion !== card.currentVersion;

  const picker = (id: string, label: string, key: 'from' | 'to') => (
    <div className="toolbar">
      <label htmlFor={id} className="toolbar__label">
        {label}
      </label>
      <select
        id={id}
        className="input input--inline"
        value={pair[key]}
        onChange={(event) => setPair((p) => ({ ...p, [key]: Number(event.target.value) }))}
      >
        {versions.map((v) => (
          <option key={v} value={v}>
            {t('catalogueReview.cardPage.version_n', { n: format.number(v) })}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section className="card stack" aria-labelledby="card-diff-title">
      <h2 id="card-diff-title" className="card__title">
        {t('catalogueReview.diff.title')}
      </h2>
      <p className="text-muted">
        {changeRequest
          ? t('catalogueReview.diff.leadChange', { approved: format.number(card.approvedVersion!) })
          : t('catalogueReview.diff.lead')}
      </p>
      <div className="diff-pickers">
        {picker(fromId, t('catalogueReview.diff.from'), 'from')}
        {picker(toId, t('catalogueReview.diff.to'), 'to')}
      </div>
      <div aria-live="polite">
        {same ? (
          // The query is disabled for one version against itself: idle, not loading.
          <p>{t('catalogueReview.diff.same')}</p>
        ) : (
          <QueryStates
            query={diff}
            loadingLabel={t('catalogueReview.diff.loading')}
            isEmpty={(d) => d.changes.length === 0}
            empty={<p>{t('catalogueReview.diff.none')}</p>}
          >
            {(data) => (
              <div className="table-scroll" role="region" aria-labelledby="card-diff-caption" tabIndex={0}>
                <table className="data-table data-table--grid diff-table">
                  <caption id="card-diff-caption">
                    {t('catalogueReview.diff.table', {
                      from: format.number(data.from),
                      to: format.number(data.to),
                    })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('catalogueReview.diff.field')}</th>
                      <th scope="col">{t('catalogueReview.diff.before')}</th>
                      <th scope="col">{t('catalogueReview.diff.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.changes.map((c) => (
                      <tr key={c.path}>
                        <th scope="row">{fieldLabel(c.path, t, format)}</th>
                        <td className="diff-table__before">
                          <del>{displayValue(c.path, c.before, t, format, refs)}</del>
                        </td>
                        <td className="diff-table__after">
                          <ins>{displayValue(c.path, c.after, t, format, refs)}</ins>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </QueryStates>
        )}
      </div>
    </section>
  );
}
