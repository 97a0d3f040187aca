import { useFormat } from '../lib/format';

/** One problem of a refused file import: its row, column (as the file names it, and its letter) and message. */
export interface ImportProblemRow {
  row: number;
  column: string | null;
  columnLetter: string | null;
  message: string;
}

/**
 * The problems of a refused import (card import, holiday table import), by row and column, in a
 * scrollable region; the caller gives the headings in the reader's language.
 */
export function ImportProblemsTable({
  problems,
  caption,
  labels,
}: {
  problems: readonly ImportProblemRow[];
  caption: string;
  labels: { row: string; column: string; message: string; missingColumn: string };
}) {
  const format = useFormat();
  return (
    <div className="import-problems" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table data-table--grid">
        <caption>
          {caption} ({format.number(problems.length)})
        </caption>
        <thead>
          <tr>
            <th scope="col">{labels.row}</th>
            <th scope="col">{labels.column}</th>
            <th scope="col">{labels.message}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td>{format.number(p.row)}</td>
              <td>
                {p.columnLetter ? (
                  <>
                    <bdi dir="ltr" className="import-problems__letter">
                      {p.columnLetter}
                    </bdi>{' '}
                  </>
                ) : null}
                <bdi>{p.column || '—'}</bdi>
                {p.column && !p.columnLetter ? <span className="text-muted"> {labels.missingColumn}</span> : null}
              </td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
