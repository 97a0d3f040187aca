import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ImportProblemsTable } from '../../../components/ImportProblemsTable';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { SubmitButton } from '../../../components/SubmitButton';
import { useFormat } from '../../../lib/format';
import { holidayTableQuery, importProblemsOf, importTable } from '../api';

/** A CSV file checked (dry run) or imported; a refused file's problems listed by row and column. */
export function HolidayImport({ year, version, onDone }: { year: number; version: number; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const titleId = useId();
  const run = useMutation({
    mutationFn: (dryRun: boolean) => importTable(year, version, file!, dryRun),
    onSuccess: (table, dryRun) => {
      if (dryRun) {
        setChecked(t('calendar.import.checked', { n: format.digits(table.holidays.length) }));
        return;
      }
      client.setQueryData(holidayTableQuery(year).queryKey, table);
      onDone(t('calendar.import.imported', { year: format.digits(year), n: format.digits(table.holidays.length) }));
    },
    onMutate: () => setChecked(null),
  });
  const problems = importProblemsOf(run.error);
  const send = (dryRun: boolean) => {
    if (file && !run.isPending) run.mutate(dryRun);
  };

  return (
    <section className="subpanel stack" aria-labelledby={titleId}>
      <h3 id={titleId} className="subpanel__title">
        {t('calendar.import.title')}
      </h3>
      <Field id="holiday-import-file" label={t('calendar.import.file')} help={t('calendar.import.help')} required>
        {(props) => (
          <input
            {...props}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setChecked(null);
              run.reset();
            }}
          />
        )}
      </Field>
      {checked ? <Notice tone="success" role="status">{checked}</Notice> : null}
      {run.isError && problems.length === 0 ? <ErrorNotice error={run.error} /> : null}
      {problems.length > 0 ? (
        <div className="stack" role="alert">
          <p>{run.error instanceof Error ? run.error.message : null}</p>
          <ImportProblemsTable
            problems={problems}
            caption={t('calendar.import.problems')}
            labels={{
              row: t('calendar.import.problemRow'),
              column: t('calendar.import.problemColumn'),
              message: t('calendar.import.problemText'),
              missingColumn: t('calendar.import.missingColumn'),
            }}
          />
        </div>
      ) : null}
      <div className="form-actions">
        <SubmitButton type="button" variant="secondary" pending={run.isPending && run.variables} aria-disabled={!file || undefined} onClick={() => send(true)}>
          {t('calendar.import.check')}
        </SubmitButton>
        <SubmitButton type="button" pending={run.isPending && !run.variables} aria-disabled={!file || undefined} onClick={() => send(false)}>
          {t('calendar.import.submit')}
        </SubmitButton>
      </div>
      {!file ? <p className="field__help">{t('calendar.import.chooseFile')}</p> : null}
    </section>
  );
}
