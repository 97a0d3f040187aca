import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { Field } from '../../../components/Field';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { DocumentIcon, PlusIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import { hasRole, useSession } from '../../identity';
import {
  agenciesQuery,
  fetchLicences,
  fetchUnmapped,
  licenceQuery,
  licencesListKey,
  unmappedKey,
  UNMAPPED_CSV_URL,
  type Licence,
  type LicenceFilters,
  type LicenceSummary,
} from '../api';
import { LicenceDialog, type LicenceAction } from '../components/LicenceDialogs';
import { LicenceForm } from '../components/LicenceForm';
import { QueryStates } from '../../../components/QueryStates';

type View = 'list' | 'unmapped';
const NO_FILTERS: LicenceFilters = { agencyId: '', mapped: '', q: '' };

/**
 * `/staff/catalogue/licences`: the licence register (درگاه ملی مجوزها). Licences with filters and
 * pages; a form to register or edit one; mapping to an approved service id, unmapping and
 * cancelling, each confirmed in a dialog; and the report of licences without a service id, with
 * its CSV download.
 */
export function LicencesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const agencies = useQuery(agenciesQuery);
  const [view, setView] = useState<View>('list');
  /** 'new', a licence id, or null. */
  const [editing, setEditing] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ licence: LicenceSummary; action: LicenceAction } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const platform = hasRole(session, ['platform_admin']);
  const adminOf = new Set(session?.roles.filter((r) => r.role === 'agency_admin').map((r) => r.agencyId) ?? []);
  // An agency administrator also manages the agencies below theirs.
  const all = agencies.data ?? [];
  for (let grew = true; grew;) {
    grew = false;
    for (const a of all)
      if (a.parentId && adminOf.has(a.parentId) && !adminOf.has(a.id)) {
        adminOf.add(a.id);
        grew = true;
      }
  }
  // The viewer's own agency first: the form's default issuing agency.
  const own = session?.agency?.id;
  const manageable = (platform ? all : all.filter((a) => adminOf.has(a.id)))
    .map((a) => a.id)
    .sort((x, y) => Number(y === own) - Number(x === own));
  const mayManage = (agencyId: string) => platform || adminOf.has(agencyId);

  const open = (licence: LicenceSummary, action: LicenceAction | 'edit') => {
    setNotice(null);
    if (action === 'edit') {
      setEditing(licence.id);
      requestAnimationFrame(() => document.getElementById('lic-title')?.focus());
    } else setDialog({ licence, action });
  };
  const row = (l: LicenceSummary) => (
    <LicenceItem key={l.id} licence={l} manage={mayManage(l.agencyId)} onAction={open} />
  );

  return (
    <div className="stack-lg">
      <PageHeader title={t('licences.page.title')} lead={t('licences.page.lead')} icon={<DocumentIcon />} />
      <div className="toolbar" role="group" aria-label={t('licences.page.views')}>
        {(['list', 'unmapped'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className={view === v ? 'button button--small' : 'button button--secondary button--small'}
            aria-pressed={view === v}
            onClick={() => setView(v)}
          >
            {t(`licences.page.view_${v}`)}
          </button>
        ))}
        {manageable.length > 0 && editing === null ? (
          <button
            id="licence-new"
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setNotice(null);
              setEditing('new');
            }}
          >
            <PlusIcon />
            {t('licences.page.new')}
          </button>
        ) : null}
      </div>
      {notice ? (
        <Notice tone="success" role="status">
          <p>{notice}</p>
        </Notice>
      ) : null}
      {editing === 'new' ? (
        <LicenceForm
          agencyIds={manageable}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setNotice(t('licences.page.created', { title: saved.title }));
          }}
        />
      ) : editing ? (
        <EditLicence
          id={editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setNotice(t('licences.page.saved', { title: saved.title }));
          }}
        />
      ) : null}
      {view === 'list' ? <LicenceList row={row} /> : <UnmappedReport row={row} />}
      <LicenceDialog
        licence={dialog?.licence ?? null}
        action={dialog?.action ?? null}
        onClose={() => setDialog(null)}
        onDone={(action, saved) => {
          setDialog(null);
          setNotice(
            t(`licences.${action}.done`, {
              title: saved.title,
              serviceId: saved.serviceId ?? '',
            }),
          );
        }}
      />
    </div>
  );
}

function EditLicence({ id, onDone }: { id: string; onDone: (saved: Licence | null) => void }) {
  const one = useQuery(licenceQuery(id));
  return (
    <QueryStates query={one}>
      {(licence) => <LicenceForm key={`${id}-${licence.version}`} licence={licence} agencyIds={[]} onDone={onDone} />}
    </QueryStates>
  );
}

function LicenceItem({
  licence: l,
  manage,
  onAction,
}: {
  licence: LicenceSummary;
  manage: boolean;
  onAction: (l: LicenceSummary, action: LicenceAction | 'edit') => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const active = l.status === 'active';
  const button = (action: LicenceAction | 'edit', danger = false) => (
    <button
      type="button"
      className={danger ? 'button button--ghost button--small text-danger' : 'button button--ghost button--small'}
      aria-label={t(`licences.item.${action}Of`, { title: l.title })}
      onClick={() => onAction(l, action)}
    >
      {t(`licences.item.${action}`)}
    </button>
  );
  return (
    <li className="admin-list__item stack licence-item">
      <div>
        <h3 className="admin-list__title">{l.title}</h3>
        <p className="admin-list__meta">
          <span>{l.agencyName}</span>
          <span>{l.kind}</span>
          <span>
            {l.serviceId ? (
              <>
                {t('licences.item.service')} <bdi dir="ltr">{format.digits(l.serviceId)}</bdi>
                {l.serviceTitle ? ` — ${l.serviceTitle}` : null}
              </>
            ) : (
              <span className="badge badge--warning badge--inline">{t('licences.item.noService')}</span>
            )}
          </span>
          {active ? null : <span className="badge badge--danger badge--inline">{t('licences.item.cancelled')}</span>}
        </p>
        <p className="admin-list__meta">
          <span>{t('licences.item.issueDays', { n: format.number(l.issueDays) })}</span>
          <span>
            {l.validityMonths === null
              ? t('licences.item.permanent')
              : t('licences.item.validity', { n: format.number(l.validityMonths) })}
          </span>
          <span>
            {l.costRials === 0 ? t('licences.item.free') : t('licences.item.cost', { n: format.number(l.costRials) })}
          </span>
        </p>
      </div>
      {manage && active ? (
        <div className="toolbar">
          {button('edit')}
          {l.serviceId ? button('unmap') : button('map')}
          {button('cancel', true)}
        </div>
      ) : null}
    </li>
  );
}

function LicenceList({ row }: { row: (l: LicenceSummary) => React.ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const agencies = useQuery(agenciesQuery);
  const [draft, setDraft] = useState<LicenceFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<LicenceFilters>(NO_FILTERS);
  const query = useInfiniteQuery({
    queryKey: licencesListKey(filters),
    queryFn: ({ pageParam, signal }) => fetchLicences(filters, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;

  return (
    <section className="card stack" aria-labelledby="licences-list-title">
      <h2 id="licences-list-title" className="card__title">
        {t('licences.list.title')}
      </h2>
      <form
        className="licence-filters"
        role="search"
        aria-label={t('licences.list.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <Field id="licence-filter-q" label={t('licences.list.q')}>
          {(p) => (
            <input
              {...p}
              type="search"
              className="input"
              value={draft.q}
              onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            />
          )}
        </Field>
        <Field id="licence-filter-agency" label={t('licences.list.agency')}>
          {(p) => (
            <select
              {...p}
              className="input"
              value={draft.agencyId}
              onChange={(e) => setDraft({ ...draft, agencyId: e.target.value })}
            >
              <option value="">{t('licences.list.allAgencies')}</option>
              {agencies.data?.map((a) => (
                <option key={a.id} value={a.id}>
                  {(format.lang === 'en' && a.nameEn) || a.nameFa}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="licence-filter-mapped" label={t('licences.list.mapped')}>
          {(p) => (
            <select
              {...p}
              className="input"
              value={draft.mapped}
              onChange={(e) => setDraft({ ...draft, mapped: e.target.value as LicenceFilters['mapped'] })}
            >
              <option value="">{t('licences.list.mappedAll')}</option>
              <option value="yes">{t('licences.list.mappedYes')}</option>
              <option value="no">{t('licences.list.mappedNo')}</option>
            </select>
          )}
        </Field>
        <div className="licence-filters__go">
          <button type="submit" className="button button--secondary">
            {t('licences.list.apply')}
          </button>
        </div>
      </form>
      <QueryStates
        query={query}
        isEmpty={() => items.length === 0}
        empty={
          <EmptyState icon={<DocumentIcon />} title={t('licences.list.empty')} headingLevel={3}>
            <p>{t('licences.list.emptyBody')}</p>
          </EmptyState>
        }
      >
        {() => (
          <>
            <p role="status">{t('licences.list.count', { n: format.number(total) })}</p>
            <ul className="admin-list" aria-label={t('licences.list.title')}>
              {items.map(row)}
            </ul>
            <LoadMoreButton query={query} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function UnmappedReport({ row }: { row: (l: LicenceSummary) => React.ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useInfiniteQuery({
    queryKey: unmappedKey,
    queryFn: ({ pageParam, signal }) => fetchUnmapped(pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
  });
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card stack" aria-labelledby="licences-unmapped-title">
      <div className="card__header">
        <h2 id="licences-unmapped-title" className="card__title">
          {t('licences.report.title')}
        </h2>
        <a className="button button--secondary button--small" href={UNMAPPED_CSV_URL} download>
          {t('licences.report.csv')}
        </a>
      </div>
      <p>{t('licences.report.lead')}</p>
      <QueryStates
        query={query}
        isEmpty={() => !first || first.total === 0}
        empty={<EmptyState icon={<DocumentIcon />} title={t('licences.report.empty')} headingLevel={3} />}
      >
        {() =>
          first ? (
            <>
              <div className="table-scroll">
                <table className="data-table">
                  <caption>{t('licences.report.byAgency', { n: format.number(first.total) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('licences.report.agency')}</th>
                      <th scope="col">{t('licences.report.count')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {first.agencies.map((a) => (
                      <tr key={a.agencyId}>
                        <th scope="row">{a.agencyName}</th>
                        <td>{format.number(a.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ul className="admin-list" aria-label={t('licences.report.title')}>
                {items.map(row)}
              </ul>
              <LoadMoreButton query={query} />
            </>
          ) : null
        }
      </QueryStates>
    </section>
  );
}
