import { useInfiniteQuery, useQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../../components/EmptyState';
import { LoadMoreButton } from '../../../../components/LoadMoreButton';
import { Notice } from '../../../../components/Notice';
import { QueryStates } from '../../../../components/QueryStates';
import { PageHeader } from '../../../../components/PageHeader';
import { CompassIcon, DocumentIcon } from '../../../../components/icons';
import { useFormat } from '../../../../lib/format';
import { agenciesQuery, agencyName } from '../../../services';
import type { PublicService } from '../../../../lib/contracts';
import {
  CARD_RECIPIENTS,
  FILTER_KEYS,
  LIFE_EVENTS,
  MATURITY_LEVELS,
  architectureQuery,
  searchQuery,
  validateCatalogueSearch,
  type CatalogueSearch,
  type SearchResult,
  type ServiceSummary,
} from '../api';
import { ExpiredBadge, MaturityBadge, RecipientsText } from '../components/bits';
import { DeskNote, useDeskServices } from '../components/DeskNote';
import { recipientLabel } from '../../terms/labels';
import { UserText } from '../../../../components/UserText';

/** The catalogue's address for `search` (the filters, the query, the page's start). */
export function catalogueHref(search: CatalogueSearch): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (typeof value === 'string') params.set(key, value);
  const query = params.toString();
  return query ? `/catalogue?${query}` : '/catalogue';
}

const SEARCH_FORM = 'cp-search-form';

/**
 * `/catalogue`: the public catalogue, rendered by the server (ADR 0018). A search box (the API
 * normalises Persian: ي/ی, ك/ک, ZWNJ, digits) and filters in one GET form, so everything is in the
 * URL and works without JavaScript; results a page at a time, «more» a link to the next page. On a
 * phone the filters fold into a disclosure (`<details>`), open when one is set.
 */
export function CatalogueSearchPage() {
  const { t } = useTranslation();
  // Validated again: the router merges the raw search (the GET form's empty «all» selects, `agencyId=`)
  // under the route's validated one, and the API refuses an empty filter.
  const search = validateCatalogueSearch(useSearch({ from: '/catalogue' }));
  const results = useInfiniteQuery(searchQuery(search));
  const active = FILTER_KEYS.filter((k) => search[k] !== undefined).length;
  const ids = { q: useId(), help: useId(), panel: useId(), results: useId(), filters: useId() };

  return (
    <div className="stack-lg cp-search">
      <PageHeader
        title={t('cataloguePublic.catalogueSearchPage.title')}
        lead={t('cataloguePublic.catalogueSearchPage.lead')}
      />

      <form
        id={SEARCH_FORM}
        role="search"
        method="get"
        action="/catalogue"
        aria-label={t('cataloguePublic.catalogueSearchPage.searchRegion')}
        className="card cp-search__form"
      >
        <label htmlFor={ids.q} className="field__label">
          {t('cataloguePublic.catalogueSearchPage.searchLabel')}
        </label>
        <p id={ids.help} className="field__help">
          {t('cataloguePublic.catalogueSearchPage.searchHelp')}
        </p>
        <div className="cp-search__row">
          <input
            id={ids.q}
            name="q"
            type="search"
            className="input"
            defaultValue={search.q ?? ''}
            maxLength={200}
            autoComplete="off"
            aria-describedby={ids.help}
          />
          <button type="submit" className="button">
            {t('cataloguePublic.catalogueSearchPage.searchButton')}
          </button>
        </div>
      </form>

      <div className="cp-layout">
        <aside className="cp-filters" aria-labelledby={ids.filters}>
          <details className="cp-filters__details" open={active > 0}>
            <summary className="button button--secondary cp-filters__toggle">
              {t('cataloguePublic.catalogueSearchPage.filtersToggle')}
              {active > 0 ? (
                <span className="badge badge--inline badge--success">
                  {t('cataloguePublic.catalogueSearchPage.activeFilters', { count: active, n: active })}
                </span>
              ) : null}
            </summary>
            <div id={ids.panel} className="card cp-filters__panel">
              <h2 id={ids.filters} className="card__title">
                {t('cataloguePublic.catalogueSearchPage.filtersTitle')}
              </h2>
              <Filters search={search} />
            </div>
          </details>
        </aside>

        <section className="stack cp-results" aria-labelledby={ids.results}>
          <h2 id={ids.results} className="section-title">
            {search.q
              ? t('cataloguePublic.catalogueSearchPage.resultsFor', { q: search.q })
              : t('cataloguePublic.catalogueSearchPage.allServices')}
          </h2>
          <Results query={results} search={search} />
        </section>
      </div>
    </div>
  );
}

function Filters({ search }: { search: CatalogueSearch }) {
  const { t } = useTranslation();
  const format = useFormat();
  const agencies = useQuery(agenciesQuery);
  const architecture = useQuery(architectureQuery);
  const provinces = useMemo(
    () => [...new Set((agencies.data ?? []).flatMap((a) => (a.province ? [a.province] : [])))].sort(),
    [agencies.data],
  );
  const any = t('cataloguePublic.catalogueSearchPage.any');
  const l = (k: string) => t(`cataloguePublic.catalogueSearchPage.${k as 'agency'}`);
  const domains = architecture.data?.domains.filter((d) => d.categories.length > 0) ?? [];
  const active = FILTER_KEYS.some((k) => search[k] !== undefined);

  return (
    <div className="stack cp-filters__fields">
      <FilterSelect id="cp-agency" name="agencyId" label={l('agency')} value={search.agencyId} any={any}>
        {(agencies.data ?? []).map((a) => (
          <option key={a.id} value={a.id}>
            {agencyName(a, format.lang)}
          </option>
        ))}
      </FilterSelect>
      {provinces.length > 0 || search.province ? (
        <FilterSelect id="cp-province" name="province" label={l('province')} value={search.province} any={any}>
          {[...new Set([...provinces, ...(search.province ? [search.province] : [])])].map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </FilterSelect>
      ) : null}
      <FilterSelect id="cp-life-event" name="lifeEvent" label={l('lifeEvent')} value={search.lifeEvent} any={any}>
        {LIFE_EVENTS.map((e) => (
          <option key={e} value={e}>
            {t(`catalogueTerms.lifeEvent.${e}`)}
          </option>
        ))}
      </FilterSelect>
      {/* Shown only when the server has a service architecture (GET /catalogue/architecture). */}
      {domains.length > 0 ? (
        <FilterSelect id="cp-category" name="category" label={l('category')} value={search.category} any={any}>
          {domains.map((d) => (
            <optgroup key={d.id} label={format.lang === 'en' && d.titleEn ? d.titleEn : d.title}>
              {d.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {format.lang === 'en' && c.titleEn ? c.titleEn : c.title}
                </option>
              ))}
            </optgroup>
          ))}
        </FilterSelect>
      ) : null}
      <FilterSelect id="cp-recipients" name="recipients" label={l('recipients')} value={search.recipients} any={any}>
        {CARD_RECIPIENTS.map((r) => (
          <option key={r} value={r}>
            {recipientLabel(t, r, { withCode: true })}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect id="cp-maturity" name="maturity" label={l('maturity')} value={search.maturity} any={any}>
        {MATURITY_LEVELS.map((m) => (
          <option key={m} value={m}>
            {t(`catalogueTerms.maturity.${m}`)}
          </option>
        ))}
      </FilterSelect>
      <button type="submit" form={SEARCH_FORM} className="button button--secondary">
        {t('cataloguePublic.catalogueSearchPage.applyFilters')}
      </button>
      {active ? (
        <a className="button button--ghost button--small" href={catalogueHref(search.q ? { q: search.q } : {})}>
          {t('cataloguePublic.catalogueSearchPage.clearFilters')}
        </a>
      ) : null}
    </div>
  );
}

/** A filter of the search form (outside it in the page, tied to it by `form`): its name is the search param. */
function FilterSelect({
  id,
  name,
  label,
  value,
  any,
  children,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  any: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select id={id} name={name} form={SEARCH_FORM} className="input" defaultValue={value ?? ''}>
        <option value="">{any}</option>
        {children}
      </select>
    </div>
  );
}

function Results({
  query,
  search,
}: {
  query: UseInfiniteQueryResult<InfiniteData<SearchResult, unknown>>;
  search: CatalogueSearch;
}) {
  const { t } = useTranslation();
  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined);
  const itemsOf = (data: InfiniteData<SearchResult, unknown>) => data.pages.flatMap((p) => p.items);
  return (
    <QueryStates
      query={query}
      loadingLabel={t('cataloguePublic.catalogueSearchPage.loading')}
      isEmpty={(data) => itemsOf(data).length === 0}
      empty={
        <>
          <p role="status" className="visually-hidden">
            {t('cataloguePublic.catalogueSearchPage.emptyTitle')}
          </p>
          <EmptyState
            icon={<CompassIcon />}
            title={t('cataloguePublic.catalogueSearchPage.emptyTitle')}
            headingLevel={3}
            action={
              filtered ? (
                <a className="button button--secondary" href={catalogueHref(search.q ? { q: search.q } : {})}>
                  {t('cataloguePublic.catalogueSearchPage.clearFilters')}
                </a>
              ) : undefined
            }
          >
            <p>{t('cataloguePublic.catalogueSearchPage.emptyHint')}</p>
          </EmptyState>
        </>
      }
    >
      {(data) => {
        const items = itemsOf(data);
        return <ResultList items={items} query={query} search={search} count={items.length} />;
      }}
    </QueryStates>
  );
}

/** The results, with the desk services delivering them (one request for the page). */
function ResultList({
  items,
  query,
  search,
  count: n,
}: {
  items: ServiceSummary[];
  query: UseInfiniteQueryResult<InfiniteData<SearchResult, unknown>>;
  search: CatalogueSearch;
  count: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = query.data?.pages ?? [];
  const nextCursor = pages.at(-1)?.nextCursor;
  const deskOf = useDeskServices(items.map((s) => s.serviceId));
  return (
    <>
      <p role="status" className="cp-count">
        {query.hasNextPage
          ? t('cataloguePublic.catalogueSearchPage.countMore', { count: n, n: format.number(n) })
          : t('cataloguePublic.catalogueSearchPage.count', { count: n, n: format.number(n) })}
      </p>
      {pages[0]?.match === 'fuzzy' && search.q ? (
        <Notice tone="info">
          <p>{t('cataloguePublic.catalogueSearchPage.fuzzy', { q: search.q })}</p>
        </Notice>
      ) : null}
      <ul className="cp-result-list" aria-label={t('cataloguePublic.catalogueSearchPage.listLabel')}>
        {items.map((s) => (
          <ResultCard key={s.serviceId} service={s} desk={deskOf(s.serviceId)} />
        ))}
      </ul>
      <LoadMoreButton
        query={query}
        label={t('cataloguePublic.catalogueSearchPage.more')}
        nextHref={nextCursor ? catalogueHref({ ...search, cursor: nextCursor }) : undefined}
      />
    </>
  );
}

function ResultCard({ service: s, desk }: { service: ServiceSummary; desk: readonly PublicService[] | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="card cp-result">
      <h3 className="cp-result__title">
        <DocumentIcon />
        <Link to="/catalogue/$serviceId" params={{ serviceId: s.serviceId }}>
          <UserText>{s.title}</UserText>
        </Link>
      </h3>
      <p className="cp-result__meta">
        <Link to="/catalogue/agencies/$agencyId" params={{ agencyId: s.agency.id }}>
          <UserText>{s.agency.name}</UserText>
        </Link>
        <span className="cp-result__id">
          {t('cataloguePublic.service.idValue', { id: format.digits(s.serviceId) })}
        </span>
      </p>
      <p className="cp-result__badges">
        <MaturityBadge maturity={s.maturity} />
        {s.expired ? <ExpiredBadge /> : null}
        <span className="text-muted">
          {t('cataloguePublic.service.recipients')}: <RecipientsText recipients={s.recipients} />
        </span>
        {s.category ? (
          <span className="text-muted">
            {t('catalogueTerms.field.category')}: {s.category.title}
          </span>
        ) : null}
      </p>
      <DeskNote service={s} desk={desk} />
    </li>
  );
}
