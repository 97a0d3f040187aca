import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { EmptyState } from '../../../components/EmptyState';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { RefreshButton } from '../../../components/RefreshButton';
import { SubmitButton } from '../../../components/SubmitButton';
import { InboxIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { UserText } from '../../../components/UserText';
import { REQUEST_STATUSES, StatusBadge, isCartableFilter, isRequestStatus } from '../../requests';
import { CLAIM_FILTERS, SLA_BADGES, bulkWork, changeWork, isClaimFilter, isSla, workQueueQuery, type BulkResult, type WorkRow } from '../cartable/api';
import { ColleagueDialog } from '../cartable/ColleagueDialog';
import { SupervisorPanel } from '../cartable/SupervisorPanel';
import { HolderLabel, SlaLabel } from '../cartable/WorkBadges';
import type { CartableSearch } from '../routes';

/**
 * The cartable (کارتابل), the desk's work queue, on the staff home of everyone who works requests
 * (desk clerks, experts, unit managers): filtered by status, holder, SLA badge and a search in the
 * URL (`/staff?status=…&claim=…&sla=…&q=…`). Each row offers only the actions the server returns
 * for it; rows can be selected to claim (or, for a unit manager, assign) several at once, after a
 * confirmation, with the result of each shown.
 */
export function CartableSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const search: CartableSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useInfiniteQuery(workQueueQuery({ status: search.status, claim: search.claim, sla: search.sla, q: search.q }));
  const ids = { status: useId(), claim: useId(), sla: useId(), q: useId() };
  const [typed, setTyped] = useState(search.q ?? '');
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<'claim' | 'assign' | null>(null);
  // The result with each item's tracking code kept: after the refresh a claimed row may leave the filtered list.
  const [bulkResult, setBulkResult] = useState<(BulkResult & { codes: Record<string, string> }) | null>(null);
  const [assigning, setAssigning] = useState<WorkRow | null>(null);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = search.status !== undefined || search.claim !== undefined || search.sla !== undefined || search.q !== undefined;

  const setSearch = (next: Partial<CartableSearch>) => {
    setSelected([]);
    void navigate({ to: '/staff', search: { ...search, ...next }, replace: true });
  };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['requests', 'cartable'] }),
      queryClient.invalidateQueries({ queryKey: ['requests', 'cartable-load'] }),
      queryClient.invalidateQueries({ queryKey: ['requests', 'work'] }),
    ]);

  const keys = useRef(createSubmissionKeys()).current;
  const change = useMutation({
    mutationFn: (c: Parameters<typeof changeWork>[1] & { requestId: string }) => {
      const { requestId, ...rest } = c;
      return changeWork(requestId, rest, keys.keyFor(c));
    },
    onSuccess: async () => {
      setAssigning(null);
      await refresh();
    },
    onError: async () => refresh(),
  });
  const runBulk = useMutation({
    mutationFn: bulkWork,
    onSuccess: async (result) => {
      setBulk(null);
      setBulkResult({ ...result, codes: Object.fromEntries(items.map((i) => [i.id, i.trackingCode])) });
      setSelected([]);
      await refresh();
    },
  });

  // Bulk actions offered only for what the server allows on every selected row.
  const chosen = items.filter((i) => selected.includes(i.id));
  const mayBulkClaim = chosen.length > 0 && chosen.every((i) => i.actions.includes('claim'));
  const mayBulkAssign = chosen.length > 0 && chosen.every((i) => i.actions.includes('assign'));

  const body = (
    <QueryStates
      query={query}
      loadingLabel={t('staff.loading')}
      isEmpty={() => items.length === 0}
      empty={
        <EmptyState icon={<InboxIcon />} title={t('staff.cartableEmpty')} headingLevel={3}>
          <p>
            {!filtered
              ? t('staff.cartableEmptyBody')
              : search.status === 'all' && search.claim === undefined && search.sla === undefined && search.q === undefined
                ? t('staff.cartableEmptyAll')
                : search.status && search.status !== 'all'
                  ? t('staff.cartableEmptyFiltered', { status: isRequestStatus(search.status) ? t(`requests.status.${search.status}`) : search.status })
                  : t('staff.cartableEmptyBody')}
          </p>
        </EmptyState>
      }
    >
      {() => (
        <ul className="cartable" aria-label={t('staff.cartableList')}>
          {items.map((item) => (
            <li key={item.id} className={item.overdue ? 'cartable-item is-overdue' : 'cartable-item'}>
              <div className="cartable-item__main">
                {item.actions.includes('claim') || item.actions.includes('assign') ? (
                  <input
                    type="checkbox"
                    className="cartable-item__select"
                    aria-label={t('cartableWork.select', { code: format.digits(item.trackingCode) })}
                    checked={selected.includes(item.id)}
                    onChange={(e) => setSelected((s) => (e.target.checked ? [...s, item.id] : s.filter((x) => x !== item.id)))}
                  />
                ) : null}
                <Link to="/staff/requests/$requestId" params={{ requestId: item.id }} className="cartable-item__title">
                  <UserText>{item.serviceTitle}</UserText>
                </Link>
                <p className="cartable-item__code">
                  {t('requests.fields.trackingCode')}: <bdi dir="ltr">{format.digits(item.trackingCode)}</bdi>
                </p>
              </div>
              <dl className="cartable-item__facts">
                <div>
                  <dt>{t('requests.fields.applicant')}</dt>
                  <dd>
                    <UserText>{format.name(item.applicantName)}</UserText>
                  </dd>
                </div>
                <div>
                  <dt>{t('requests.fields.submittedAt')}</dt>
                  <dd>
                    <time dateTime={item.submittedAt}>{format.date(item.submittedAt)}</time>
                  </dd>
                </div>
                <div>
                  <dt>{t('requests.fields.dueAt')}</dt>
                  <dd>
                    <time dateTime={item.dueAt}>
                      {item.dueDateJalali ? format.jalaliDay(item.dueDateJalali) : format.date(item.dueAt)}
                    </time>{' '}
                    <SlaLabel sla={item.sla} />
                  </dd>
                </div>
                <div>
                  <dt>{t('cartableWork.claimFilter')}</dt>
                  <dd>
                    <HolderLabel claim={item.claim} />
                  </dd>
                </div>
              </dl>
              <div className="cartable-item__status">
                <StatusBadge status={item.status} label={item.statusLabel} />
                {(['claim', 'release'] as const)
                  .filter((op) => item.actions.includes(op))
                  .map((op) => (
                    <button
                      key={op}
                      type="button"
                      className={`button ${op === 'claim' ? 'button--secondary' : 'button--ghost'} button--small`}
                      disabled={change.isPending}
                      onClick={() => change.mutate({ requestId: item.id, op, version: item.claimVersion })}
                    >
                      {t(`cartableWork.actions.${op}`)}
                    </button>
                  ))}
                {item.actions.includes('assign') ? (
                  <button type="button" className="button button--ghost button--small" onClick={() => setAssigning(item)}>
                    {t('cartableWork.actions.assign')}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </QueryStates>
  );

  return (
    <>
      <SupervisorPanel enabled={items.some((i) => i.actions.includes('assign'))} />
      <section className="card stack" aria-labelledby="cartable-title" aria-busy={query.isFetching}>
        <div className="card__header">
          <h2 id="cartable-title" className="card__title">
            {t('staff.cartable')}
          </h2>
          <RefreshButton busy={query.isFetching} onClick={() => void query.refetch()}>
            {t('staff.refresh')}
          </RefreshButton>
        </div>
        <div className="toolbar">
          <FilterSelect
            id={ids.status}
            label={t('staff.filter')}
            value={search.status ?? ''}
            options={[['', t('staff.filterOpen')], ...REQUEST_STATUSES.map((v) => [v, t(`requests.status.${v}`)] as const), ['all', t('staff.filterAll')]]}
            onChange={(v) => setSearch({ status: isCartableFilter(v) ? v : undefined })}
          />
          <FilterSelect
            id={ids.claim}
            label={t('cartableWork.claimFilter')}
            value={search.claim ?? 'all'}
            options={CLAIM_FILTERS.map((v) => [v, t(`cartableWork.claim.${v}`)] as const)}
            onChange={(v) => setSearch({ claim: isClaimFilter(v) && v !== 'all' ? v : undefined })}
          />
          <FilterSelect
            id={ids.sla}
            label={t('cartableWork.slaFilter')}
            value={search.sla ?? ''}
            options={[['', t('cartableWork.slaAny')], ...SLA_BADGES.map((v) => [v, t(`cartableWork.sla.${v}`)] as const)]}
            onChange={(v) => setSearch({ sla: isSla(v) ? v : undefined })}
          />
        </div>
        <form
          role="search"
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch({ q: typed.trim() === '' ? undefined : typed.trim() });
          }}
        >
          <label htmlFor={ids.q} className="toolbar__label">
            {t('cartableWork.search')}
          </label>
          <input
            id={ids.q}
            type="search"
            className="input input--inline"
            maxLength={100}
            placeholder={t('cartableWork.searchHelp')}
            aria-describedby={`${ids.q}-help`}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <span id={`${ids.q}-help`} className="visually-hidden">
            {t('cartableWork.searchHelp')}
          </span>
          <button type="submit" className="button button--secondary">
            {t('cartableWork.searchButton')}
          </button>
        </form>

        <div aria-live="polite" className="stack">
          {change.isError ? <ErrorNotice error={change.error} /> : null}
          {bulkResult ? (
            <Notice tone={bulkResult.failed === 0 ? 'success' : 'warning'} title={t('cartableWork.bulkDone', { ok: format.number(bulkResult.succeeded), failed: format.number(bulkResult.failed) })}>
              <ul>
                {bulkResult.results.map((r) => (
                  <li key={r.requestId}>
                    <bdi dir="ltr">{format.digits(bulkResult.codes[r.requestId] ?? r.requestId)}</bdi>:{' '}
                    {r.ok ? t('cartableWork.bulkItemDone') : r.message}
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
        </div>

        {selected.length > 0 ? (
          <div className="toolbar" role="group" aria-label={t('cartableWork.selected', { n: format.number(selected.length) })}>
            <span>{t('cartableWork.selected', { n: format.number(selected.length) })}</span>
            {mayBulkClaim ? (
              <button type="button" className="button button--secondary" onClick={() => setBulk('claim')}>
                {t('cartableWork.bulkClaim')}
              </button>
            ) : null}
            {mayBulkAssign ? (
              <button type="button" className="button button--secondary" onClick={() => setBulk('assign')}>
                {t('cartableWork.bulkAssign')}
              </button>
            ) : null}
          </div>
        ) : null}

        {body}
        <LoadMoreButton query={query} />
      </section>

      <Dialog
        open={bulk === 'claim'}
        onClose={() => setBulk(null)}
        title={t('cartableWork.bulkClaimTitle', { n: format.number(chosen.length) })}
        footer={
          <>
            <SubmitButton type="button" pending={runBulk.isPending} onClick={() => runBulk.mutate({ action: 'claim', requestIds: chosen.map((c) => c.id) })}>
              {t('cartableWork.bulkConfirm')}
            </SubmitButton>
            <button type="button" className="button button--ghost" onClick={() => setBulk(null)}>
              {t('common.cancel')}
            </button>
          </>
        }
      >
        <p>{t('cartableWork.bulkBody')}</p>
        {runBulk.isError ? <ErrorNotice error={runBulk.error} /> : null}
      </Dialog>
      <ColleagueDialog
        open={bulk === 'assign'}
        agencyId={chosen[0]?.agencyId ?? ''}
        mode="assign"
        title={t('cartableWork.bulkAssignTitle', { n: format.number(chosen.length) })}
        intro={<p>{t('cartableWork.bulkBody')}</p>}
        pending={runBulk.isPending}
        error={runBulk.error}
        onConfirm={(staffId) => runBulk.mutate({ action: 'assign', requestIds: chosen.map((c) => c.id), staffId })}
        onClose={() => setBulk(null)}
      />
      <ColleagueDialog
        open={assigning !== null}
        agencyId={assigning?.agencyId ?? ''}
        mode="assign"
        title={t('cartableWork.assignTitle')}
        pending={change.isPending}
        error={change.error}
        onConfirm={(staffId) => assigning && change.mutate({ requestId: assigning.id, op: 'assign', staffId, version: assigning.claimVersion })}
        onClose={() => setAssigning(null)}
      />
    </>
  );
}

/** One of the cartable's filters: a labelled select whose choice goes to the URL. */
function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id} className="toolbar__label">
        {label}
      </label>
      <select id={id} className="input input--inline" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}
