import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

const W = 600;
const LABEL_W = 230;
const VALUE_W = 60;
const ROW_H = 36;

const shorten = (s: string, n = 28) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * A horizontal bar chart drawn as inline SVG: role="img" with a title and a description carrying
 * every number, and the same numbers in a table right below it (or, with `table={false}`, in the
 * caller's own fuller table beside it). Bars grow in the reading direction. The texts come from
 * the caller (this component knows no feature's strings).
 */
export function BarChart({
  title,
  description,
  caption,
  labelHeader,
  valueHeader,
  bars,
  table = true,
}: {
  title: string;
  /** Says what the bars are, before the numbers the description lists. */
  description: string;
  caption: string;
  labelHeader: string;
  valueHeader: string;
  bars: Bar[];
  table?: boolean;
}) {
  const { i18n } = useTranslation();
  const f = useFormat();
  const id = useId();
  const rtl = i18n.dir() === 'rtl';
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW_H + 8;
  const span = W - LABEL_W - VALUE_W - 20;
  return (
    <figure className="dreport-chart">
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${W} ${height}`} className="dreport-chart__svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {description} {bars.map((b) => `${b.label}: ${f.number(b.value)}`).join('؛ ')}
        </desc>
        {bars.map((b, i) => {
          const len = b.value > 0 ? Math.max(2, (b.value / max) * span) : 0;
          const y = i * ROW_H + 6;
          const barX = rtl ? W - LABEL_W - 10 - len : LABEL_W + 10;
          const valueX = rtl ? barX - 6 : barX + len + 6;
          return (
            <g key={b.key}>
              <text
                x={rtl ? W - 4 : 4}
                y={y + 18}
                textAnchor="start"
                direction={rtl ? 'rtl' : 'ltr'}
                className="dreport-chart__label"
              >
                {shorten(b.label)}
              </text>
              <rect x={barX} y={y + 2} width={len} height={ROW_H - 14} rx={3} className="dreport-chart__bar" />
              <text
                x={valueX}
                y={y + 18}
                textAnchor="start"
                direction={rtl ? 'rtl' : 'ltr'}
                className="dreport-chart__value"
              >
                {f.number(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      {table ? (
        <table className="data-table dreport-table--compact">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col">{valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.key}>
                <th scope="row">{b.label}</th>
                <td>{f.number(b.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <figcaption className="visually-hidden">{caption}</figcaption>
      )}
    </figure>
  );
}
