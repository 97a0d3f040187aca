import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportProblemsTable } from '../../../../components/ImportProblemsTable';
import { EmptyState } from '../../../../components/EmptyState';
import { Field } from '../../../../components/Field';
import { ErrorNotice, Notice } from '../../../../components/Notice';
import { PageHeader } from '../../../../components/PageHeader';
import { InboxIcon } from '../../../../components/icons';
import { ApiError } from '../../../../lib/api';
import { useFormat } from '../../../../lib/format';
import { createSubmissionKeys } from '../../../../lib/idempotency';
import { agenciesQuery } from '../../cards/api';
import { useSession } from '../../../identity';
import {
  IMPORT_MAX_BYTES,
  TEMPLATE_CSV,
  TEMPLATE_XLSX,
  formatOf,
  importsKey,
  importsQuery,
  isCheck,
  uploadImport,
  type CardImport,
  type ImportCheck,
  type ImportProblem,
} from '../api';

const AUTHOR_ROLES = ['expert', 'agency_admin'];

type Outcome =
  | { kind: 'checked'; check: ImportCheck; file: File }
  | { kind: 'problems'; problems: ImportProblem[] }
  | { kind: 'done'; result: CardImport; titles: string[] }
  | { kind: 'error'; error: unknown };

/** `/staff/catalogue/import`: check a CSV or XLSX file of cards, then import it as drafts. */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const queryClient = useQueryClient();
  const agencies = useQuery(agenciesQuery);
  const agencyFieldId = useId();
  const fileFieldId = useId();
  const progressId = useId();
  const resultRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const keys = useMemo(() => createSubmissionKeys(), []);

  const myAgencies = [
    ...new Set(
      (session?.kind === 'staff' ? session.roles : [])
        .filter((g) => AUTHOR_ROLES.includes(g.role))
        .map((g) => g.agencyId),
    ),
  ];
  const [agencyId, setAgencyId] = useState('');
  const agency = agencyId || myAgencies[0] || '';
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [progress, setProgress] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const history = useQuery(importsQuery(agency));

  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  const agencyName = (id: string) => {
    const a = agencies.data?.find((x) => x.id === id);
    return a ? (i18n.language === 'en' && a.nameEn ? a.nameEn : a.nameFa) : id;
  };

  if (session?.kind !== 'staff' || myAgencies.length === 0)
    return (
      <div className="stack-lg">
        <PageHeader title={t('catalogueImport.importPage.title')} />
        <Notice tone="warning">
          <p>{t('catalogueImport.importPage.notAuthor')}</p>
        </Notice>
      </div>
    );

  const validFile = (): { file: File; format: 'csv' | 'xlsx' } | undefined => {
    if (!file) return void setFileError(t('catalogueImport.importPage.fileRequired'));
    const f = formatOf(file);
    if (!f) return void setFileError(t('catalogueImport.importPage.fileType'));
    if (file.size > IMPORT_MAX_BYTES) return void setFileError(t('catalogueImport.importPage.fileTooLarge'));
    setFileError(undefined);
    return { file, format: f };
  };

  async function send(dryRun: boolean) {
    const chosen = validFile();
    if (!chosen) {
      fileRef.current?.focus();
      return;
    }
    setBusy(dryRun ? 'check' : 'import');
    setProgress(0);
    try {
      const idempotencyKey = dryRun
        ? undefined
        : keys.keyFor({ agency, name: chosen.file.name, size: chosen.file.size, at: chosen.file.lastModified });
      const res = await uploadImport(chosen.file, chosen.format, {
        agencyId: agency,
        dryRun,
        csrfToken: session?.csrfToken,
        onProgress: setProgress,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      });
      if (isCheck(res)) setOutcome({ kind: 'checked', check: res, file: chosen.file });
      else {
        const titles =
          outcome?.kind === 'checked' && outcome.file === chosen.file ? outcome.check.cards.map((c) => c.title) : [];
        setOutcome({ kind: 'done', result: res, titles });
        keys.reset();
        void queryClient.invalidateQueries({ queryKey: importsKey });
        void queryClient.invalidateQueries({ queryKey: ['catalogue', 'cards'] });
      }
    } catch (error) {
      const problems =
        error instanceof ApiError && error.code === 'IMPORT_INVALID'
          ? (error.details as { problems?: ImportProblem[] } | undefined)?.problems
          : undefined;
      setOutcome(problems ? { kind: 'problems', problems } : { kind: 'error', error });
    } finally {
      setBusy(null);
    }
  }

  const reset = () => {
    setOutcome(null);
    setFile(null);
    if (fileRef.current) fileRef.current.value = '';
    fileRef.current?.focus();
  };
  const checkedThis = outcome?.kind === 'checked' && outcome.file === file;

  return (
    <div className="stack-lg">
      <PageHeader title={t('catalogueImport.importPage.title')} lead={t('catalogueImport.importPage.lead')} />
      <p>
        <Link to="/staff/catalogue">{t('catalogueImport.importPage.back')}</Link>
      </p>

      <section className="card stack" aria-labelledby={`${fileFieldId}-templates`}>
        <h2 id={`${fileFieldId}-templates`} className="section-title">
          {t('catalogueImport.importPage.templates')}
        </h2>
        <p>{t('catalogueImport.importPage.templatesHelp')}</p>
        <p className="import-templates">
          <a className="button button--secondary" href={TEMPLATE_XLSX} download>
            {t('catalogueImport.importPage.templateXlsx')}
          </a>
          <a className="button button--secondary" href={TEMPLATE_CSV} download>
            {t('catalogueImport.importPage.templateCsv')}
          </a>
        </p>
      </section>

      <section className="card stack" aria-labelledby={`${fileFieldId}-section`}>
        <h2 id={`${fileFieldId}-section`} className="section-title">
          {t('catalogueImport.importPage.fileSection')}
        </h2>
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send(true);
          }}
        >
          {myAgencies.length > 1 ? (
            <Field id={agencyFieldId} label={t('catalogueImport.importPage.agency')} required>
              {(p) => (
                <select
                  {...p}
                  className="input"
                  value={agency}
                  onChange={(e) => {
                    setAgencyId(e.target.value);
                    setOutcome(null);
                  }}
                >
                  {myAgencies.map((id) => (
                    <option key={id} value={id}>
                      {agencyName(id)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <Field
            id={fileFieldId}
            label={t('catalogueImport.importPage.file')}
            help={t('catalogueImport.importPage.fileHelp')}
            error={fileError}
            required
          >
            {(p) => (
              <input
                {...p}
                ref={fileRef}
                type="file"
                className="import-file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setFileError(undefined);
                  setOutcome(null);
                }}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button--secondary" disabled={busy !== null}>
              {t('catalogueImport.importPage.check')}
            </button>
            {checkedThis ? (
              <button type="button" className="button" disabled={busy !== null} onClick={() => void send(false)}>
                {t('catalogueImport.importPage.import')}
              </button>
            ) : null}
          </div>
          {busy ? (
            <div className="import-progress" role="status">
              <label htmlFor={progressId}>
                {busy === 'check'
                  ? t('catalogueImport.importPage.checking')
                  : t('catalogueImport.importPage.importing')}
              </label>
              <progress id={progressId} max={100} value={Math.round(progress * 100)}>
                {format.number(Math.round(progress * 100))}%
              </progress>
            </div>
          ) : null}
        </form>
      </section>

      <div ref={resultRef} tabIndex={-1} className="import-result">
        {outcome?.kind === 'checked' ? (
          <Notice
            tone="info"
            role="status"
            title={t('catalogueImport.importPage.checked', {
              count: outcome.check.rowCount,
              n: format.number(outcome.check.rowCount),
            })}
          >
            <p>{t('catalogueImport.importPage.checkedHelp')}</p>
          </Notice>
        ) : null}
        {outcome?.kind === 'error' ? <ErrorNotice error={outcome.error} /> : null}
        {outcome?.kind === 'problems' ? <ProblemsTable problems={outcome.problems} /> : null}
        {outcome?.kind === 'done' ? <Done result={outcome.result} titles={outcome.titles} onAnother={reset} /> : null}
      </div>

      <section className="stack" aria-labelledby={`${fileFieldId}-history`}>
        <h2 id={`${fileFieldId}-history`} className="section-title">
          {t('catalogueImport.importPage.history')}
        </h2>
        {history.isError ? (
          <ErrorNotice error={history.error} />
        ) : history.data && history.data.length === 0 ? (
          <EmptyState icon={<InboxIcon />} title={t('catalogueImport.importPage.historyEmpty')} headingLevel={3} />
        ) : (
          <ul className="import-history">
            {(history.data ?? []).map((h) => (
              <li key={h.id}>
                <bdi className="import-history__name">{h.fileName ?? t('catalogueImport.importPage.unnamed')}</bdi>
                {' — '}
                {t('catalogueImport.importPage.historyItem', { n: format.number(h.cardIds.length) })}
                {' — '}
                <time dateTime={h.createdAt}>{format.dateTime(h.createdAt)}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function ProblemsTable({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = format.number(problems.length);
  return (
    <div className="stack">
      <Notice
        tone="danger"
        role="alert"
        title={t('catalogueImport.importPage.problemsTitle', { count: problems.length, n })}
      >
        <p>{t('catalogueImport.importPage.problemsHelp')}</p>
      </Notice>
      <ImportProblemsTable
        problems={problems}
        caption={t('catalogueImport.importPage.problemsCaption')}
        labels={{
          row: t('catalogueImport.importPage.row'),
          column: t('catalogueImport.importPage.column'),
          message: t('catalogueImport.importPage.message'),
          missingColumn: t('catalogueImport.importPage.missingColumn'),
        }}
      />
    </div>
  );
}

function Done({ result, titles, onAnother }: { result: CardImport; titles: string[]; onAnother: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const count = result.cardIds.length;
  return (
    <Notice
      tone="success"
      role="status"
      title={
        result.alreadyImported
          ? t('catalogueImport.importPage.already', { date: format.date(result.createdAt) })
          : t('catalogueImport.importPage.done', { count, n: format.number(count) })
      }
      action={
        <span className="import-actions">
          <Link to="/staff/catalogue" className="button button--secondary button--small">
            {t('catalogueImport.importPage.toCards')}
          </Link>
          <button type="button" className="button button--ghost button--small" onClick={onAnother}>
            {t('catalogueImport.importPage.another')}
          </button>
        </span>
      }
    >
      <p>{t('catalogueImport.importPage.created')}:</p>
      <ul className="import-created">
        {result.cardIds.map((id, i) => (
          <li key={id}>
            <Link to="/staff/catalogue/$cardId" params={{ cardId: id }}>
              {titles[i] ?? t('catalogueImport.importPage.cardN', { n: format.number(i + 1) })}
            </Link>
          </li>
        ))}
      </ul>
    </Notice>
  );
}
