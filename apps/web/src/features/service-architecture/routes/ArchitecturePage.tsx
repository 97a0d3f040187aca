import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorSummary, Field } from '../../../components/Field';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { ErrorNotice, Loading, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { CompassIcon, PlusIcon } from '../../../components/icons';
import { ApiError } from '../../../lib/api';
import type { RoleName } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { useFormState } from '../../../lib/useFormState';
import { hasRole, useSession } from '../../identity';
import {
  MARK_KINDS,
  architectureKey,
  createMark,
  createTerm,
  deleteTerm,
  gapsQuery,
  marksQuery,
  resolveMark,
  searchServices,
  termsQuery,
  updateTerm,
  type FoundService,
  type MarkKind,
  type MarkStatus,
  type ServiceMark,
  type TaxonomyTerm,
  type TermKind,
} from '../api';
import type { fa } from '../messages';
import { MarkResolveButton } from '../components/MarkResolveButton';
import { SubmitButton } from '../../../components/SubmitButton';

/** `t` for one section of this feature's messages, keys checked against the Persian catalogue. */
function useSection<S extends 'taxonomy' | 'gaps' | 'markForm' | 'marks'>(section: S) {
  const { t } = useTranslation();
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key: keyof (typeof fa)[S] & string, options?: Record<string, unknown>) =>
    translate(`catalogueArchitecture.${section}.${key}`, options);
}

/** Who edits the architecture and marks services (CENTRAL_REVIEWERS on the server). */
const EDITORS: readonly RoleName[] = ['central_reviewer', 'platform_admin'];
/** Who may look (the server lets oversight auditors read marks and gaps). */
const READERS: readonly RoleName[] = [...EDITORS, 'oversight_auditor'];

/** `/staff/catalogue/architecture`: the service architecture for central reviewers. */
export function ArchitecturePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const title = t('catalogueArchitecture.architecturePage.title');
  if (!hasRole(session, READERS))
    return (
      <div className="stack-lg">
        <PageHeader title={title} icon={<CompassIcon />} />
        <Notice tone="warning" title={t('catalogueArchitecture.architecturePage.notPermittedTitle')}>
          <p>{t('catalogueArchitecture.architecturePage.notPermitted')}</p>
        </Notice>
      </div>
    );
  const editor = hasRole(session, EDITORS);
  return (
    <div className="stack-lg architecture">
      <PageHeader title={title} lead={t('catalogueArchitecture.architecturePage.lead')} icon={<CompassIcon />} />
      {editor ? null : (
        <Notice tone="info">
          <p>{t('catalogueArchitecture.architecturePage.readOnly')}</p>
        </Notice>
      )}
      <TaxonomySection editor={editor} />
      <GapsSection />
      {editor ? <MarkFormSection /> : null}
      <MarksSection editor={editor} />
    </div>
  );
}

// Taxonomy ---------------------------------------------------------------------------------------
type Editing =
  { kind: TermKind; term?: TaxonomyTerm & { domainId?: string }; domainId?: string; focusBack: string } | undefined;
type Deleting = { kind: TermKind; term: TaxonomyTerm } | undefined;

function TaxonomySection({ editor }: { editor: boolean }) {
  const terms = useQuery(termsQuery);
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<Deleting>();
  const [done, setDone] = useState<string>();
  const k = useSection('taxonomy');
  const open = (e: NonNullable<Editing>) => {
    setDone(undefined);
    setEditing(e);
  };
  const close = (message?: string) => {
    const back = editing?.focusBack;
    setEditing(undefined);
    if (message) setDone(message);
    if (back) requestAnimationFrame(() => document.getElementById(back)?.focus());
  };
  const formFor = (kind: TermKind, termId: string | undefined, domainId?: string) =>
    editing && editing.kind === kind && editing.term?.id === termId && (termId || editing.domainId === domainId) ? (
      <TermForm key={`${kind}-${termId ?? domainId ?? 'new'}`} editing={editing} onDone={close} />
    ) : null;

  const actions = (kind: TermKind, term: TaxonomyTerm & { domainId?: string }) =>
    editor ? (
      <span className="architecture__actions">
        <button
          id={`edit-${term.id}`}
          type="button"
          className="button button--ghost button--small"
          aria-label={k('editOf', { name: term.titleFa })}
          onClick={() => open({ kind, term, focusBack: `edit-${term.id}` })}
        >
          {k('edit')}
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label={k('deleteOf', { name: term.titleFa })}
          onClick={() => {
            setDone(undefined);
            setDeleting({ kind, term });
          }}
        >
          {k('delete')}
        </button>
      </span>
    ) : null;

  let body: React.ReactNode;
  if (terms.isPending) body = <Loading />;
  else if (terms.isError) body = <ErrorNotice error={terms.error} />;
  else
    body = (
      <>
        {formFor('domains', undefined)}
        {terms.data.domains.length === 0 ? (
          <EmptyState icon={<CompassIcon />} title={k('emptyDomains')} headingLevel={3}>
            {editor ? <p>{k('emptyDomainsBody')}</p> : null}
          </EmptyState>
        ) : (
          <ul className="architecture__domains">
            {terms.data.domains.map((d) => (
              <li key={d.id} className="architecture__domain">
                <div className="architecture__row">
                  <h3 className="architecture__domain-title">
                    {d.titleFa}{' '}
                    <bdi dir="ltr" className="architecture__code">
                      {d.code}
                    </bdi>
                  </h3>
                  {actions('domains', d)}
                </div>
                {formFor('domains', d.id)}
                {d.categories.length === 0 ? (
                  <p className="text-muted">{k('emptyCategories')}</p>
                ) : (
                  <ul className="architecture__categories" aria-label={k('categoriesOf', { name: d.titleFa })}>
                    {d.categories.map((c) => (
                      <li key={c.id}>
                        <div className="architecture__row">
                          <span>
                            <span className="architecture__term">{c.titleFa}</span>{' '}
                            <bdi dir="ltr" className="architecture__code">
                              {c.code}
                            </bdi>
                          </span>
                          {actions('categories', c)}
                        </div>
                        {formFor('categories', c.id)}
                      </li>
                    ))}
                  </ul>
                )}
                {formFor('categories', undefined, d.id)}
                {editor ? (
                  <button
                    id={`new-category-${d.id}`}
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={k('newCategoryIn', { name: d.titleFa })}
                    onClick={() => open({ kind: 'categories', domainId: d.id, focusBack: `new-category-${d.id}` })}
                  >
                    <PlusIcon />
                    {k('newCategory')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </>
    );

  return (
    <>
      <section className="card stack" aria-labelledby="taxonomy-title">
        <div className="card__header">
          <h2 id="taxonomy-title" className="card__title">
            {k('title')}
          </h2>
          {editor ? (
            <button
              id="new-domain"
              type="button"
              className="button button--secondary button--small"
              onClick={() => open({ kind: 'domains', focusBack: 'new-domain' })}
            >
              <PlusIcon />
              {k('newDomain')}
            </button>
          ) : null}
        </div>
        {done ? (
          <Notice tone="success" role="status">
            <p>{done}</p>
          </Notice>
        ) : null}
        {body}
      </section>

      <section className="card stack" aria-labelledby="layers-title">
        <div className="card__header">
          <h2 id="layers-title" className="card__title">
            {k('layersTitle')}
          </h2>
          {editor ? (
            <button
              id="new-layer"
              type="button"
              className="button button--secondary button--small"
              onClick={() => open({ kind: 'layers', focusBack: 'new-layer' })}
            >
              <PlusIcon />
              {k('newLayer')}
            </button>
          ) : null}
        </div>
        {formFor('layers', undefined)}
        {terms.data && terms.data.layers.length === 0 ? (
          <EmptyState icon={<CompassIcon />} title={k('emptyLayers')} headingLevel={3} />
        ) : (
          <ul className="architecture__categories">
            {terms.data?.layers.map((l) => (
              <li key={l.id}>
                <div className="architecture__row">
                  <span>
                    <span className="architecture__term">{l.titleFa}</span>{' '}
                    <bdi dir="ltr" className="architecture__code">
                      {l.code}
                    </bdi>
                  </span>
                  {actions('layers', l)}
                </div>
                {formFor('layers', l.id)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <DeleteDialog
        deleting={deleting}
        onClose={(message) => {
          setDeleting(undefined);
          if (message) setDone(message);
        }}
      />
    </>
  );
}

const TERM_FIELDS = ['code', 'titleFa', 'titleEn', 'description', 'sort'] as const;
type TF = (typeof TERM_FIELDS)[number];

/** Adds or edits a domain, category or layer (at the version read: 409 when someone changed it). */
function TermForm({ editing, onDone }: { editing: NonNullable<Editing>; onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const k = useSection('taxonomy');
  const term = editing.term;
  const prefix = `term-${term?.id ?? editing.domainId ?? editing.kind}-`;
  const form = useFormState<TF>({
    order: TERM_FIELDS,
    initial: {
      code: term?.code ?? '',
      titleFa: term?.titleFa ?? '',
      titleEn: term?.titleEn ?? '',
      description: term?.description ?? '',
      sort: String(term?.sort ?? 0),
    },
    idPrefix: prefix,
    validate: (v) => ({
      code: !v.code.trim()
        ? t('validation.required')
        : /^[a-z0-9][a-z0-9_-]{0,39}$/.test(v.code.trim().toLowerCase())
          ? undefined
          : k('codeInvalid'),
      titleFa: [...v.titleFa.trim()].length < 2 ? t('validation.required') : undefined,
      sort: /^\d{1,5}$/.test(v.sort.trim()) ? undefined : t('validation.required'),
    }),
  });
  // A retry of the same create reuses its key, so the term is never added twice.
  const keys = useRef(createSubmissionKeys()).current;
  const save = useMutation({
    mutationFn: () => {
      const v = form.values;
      const body = {
        code: v.code.trim().toLowerCase(),
        titleFa: v.titleFa.trim(),
        ...(v.titleEn.trim() ? { titleEn: v.titleEn.trim() } : {}),
        ...(v.description.trim() ? { description: v.description.trim() } : {}),
        sort: Number(v.sort.trim()),
        ...(editing.kind === 'categories' ? { domainId: term?.domainId ?? editing.domainId! } : {}),
      };
      return term
        ? updateTerm(editing.kind, term.id, { ...body, version: term.version })
        : createTerm(editing.kind, body, keys.keyFor(body));
    },
    onSuccess: async () => {
      keys.reset();
      await queryClient.invalidateQueries({ queryKey: architectureKey });
      onDone(k('saved'));
    },
    onError: async (error) => {
      form.showServerError(error, { TAXONOMY_CODE_TAKEN: 'code' }, error instanceof ApiError ? error.message : '');
      if (error instanceof ApiError && error.code === 'CONFLICT')
        await queryClient.invalidateQueries({ queryKey: architectureKey });
    },
  });
  const labels: Record<TF, string> = {
    code: k('code'),
    titleFa: k('titleFa'),
    titleEn: k('titleEn'),
    description: k('description'),
    sort: k('sort'),
  };
  const placed = form.summary(labels).length > 0;
  const heading = term
    ? k('editOf', { name: term.titleFa })
    : editing.kind === 'domains'
      ? k('newDomain')
      : editing.kind === 'layers'
        ? k('newLayer')
        : k('newCategory');
  const titleId = `${prefix}title`;
  return (
    <section className="subpanel stack" aria-labelledby={titleId}>
      <h3 id={titleId} className="subpanel__title">
        {heading}
      </h3>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending && form.check()) save.mutate();
        }}
      >
        <ErrorSummary id={`${prefix}errors`} errors={form.summary(labels)} />
        {save.isError && !placed ? <ErrorNotice error={save.error} /> : null}
        <div className="form-grid">
          <Field
            id={form.idOf('titleFa')}
            name="titleFa"
            label={labels.titleFa}
            error={form.errorOf('titleFa')}
            required
          >
            {(props) => <input {...props} className="input" {...form.bind('titleFa')} />}
          </Field>
          <Field
            id={form.idOf('code')}
            name="code"
            label={labels.code}
            help={k('codeHelp')}
            error={form.errorOf('code')}
            required
          >
            {(props) => <input {...props} className="input" dir="ltr" autoComplete="off" {...form.bind('code')} />}
          </Field>
          <Field id={form.idOf('titleEn')} name="titleEn" label={labels.titleEn} error={form.errorOf('titleEn')}>
            {(props) => <input {...props} className="input" lang="en" dir="ltr" {...form.bind('titleEn')} />}
          </Field>
          <Field id={form.idOf('sort')} name="sort" label={labels.sort} error={form.errorOf('sort')} required>
            {(props) => <input {...props} className="input" inputMode="numeric" dir="ltr" {...form.bind('sort')} />}
          </Field>
        </div>
        <Field
          id={form.idOf('description')}
          name="description"
          label={labels.description}
          error={form.errorOf('description')}
        >
          {(props) => <textarea {...props} className="input" rows={2} {...form.bind('description')} />}
        </Field>
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{term ? k('save') : k('create')}</SubmitButton>
          <button type="button" className="button button--ghost" onClick={() => onDone()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function DeleteDialog({ deleting, onClose }: { deleting: Deleting; onClose: (message?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const k = useSection('taxonomy');
  const remove = useMutation({
    mutationFn: (d: NonNullable<Deleting>) => deleteTerm(d.kind, d.term.id, d.term.version),
    onSuccess: async (_, d) => {
      await queryClient.invalidateQueries({ queryKey: architectureKey });
      remove.reset();
      onClose(k('deleted', { name: d.term.titleFa }));
    },
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: architectureKey });
    },
  });
  const explain =
    deleting?.kind === 'domains'
      ? k('confirmDeleteDomain')
      : deleting?.kind === 'categories'
        ? k('confirmDeleteCategory')
        : k('confirmDeleteLayer');
  return (
    <Dialog
      open={deleting !== undefined}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title={deleting ? k('confirmDeleteTitle', { name: deleting.term.titleFa }) : ''}
      footer={
        <>
          <button
            type="button"
            className="button button--danger"
            aria-disabled={remove.isPending}
            onClick={() => {
              if (deleting && !remove.isPending) remove.mutate(deleting);
            }}
          >
            {k('confirmDelete')}
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              remove.reset();
              onClose();
            }}
          >
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p>{explain}</p>
      {remove.isError ? <ErrorNotice error={remove.error} /> : null}
    </Dialog>
  );
}

// Gaps -------------------------------------------------------------------------------------------
function GapsSection() {
  const format = useFormat();
  const gaps = useQuery(gapsQuery);
  const k = useSection('gaps');
  let body: React.ReactNode;
  if (gaps.isPending) body = <Loading />;
  else if (gaps.isError) body = <ErrorNotice error={gaps.error} />;
  else
    body = (
      <>
        {gaps.data.domains.length === 0 ? (
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
                {gaps.data.domains.map((d) => (
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
        {gaps.data.unclassifiedTotal === 0 ? (
          <p>{k('unclassifiedNone')}</p>
        ) : (
          <>
            <p>{k('unclassifiedTotal', { n: format.number(gaps.data.unclassifiedTotal) })}</p>
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
                  {gaps.data.unclassified.map((u) => (
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

// Marking a service ------------------------------------------------------------------------------
/** Finds an approved service through the public catalogue search and picks one. */
function ServicePicker({
  id,
  label,
  help,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  help?: string;
  error?: string | undefined;
  value: FoundService | undefined;
  onChange: (s: FoundService | undefined) => void;
}) {
  const format = useFormat();
  const k = useSection('markForm');
  const [q, setQ] = useState('');
  const search = useMutation({ mutationFn: (text: string) => searchServices(text) });
  const run = () => {
    if (q.trim()) search.mutate(q.trim());
  };
  if (value)
    return (
      <div className="field">
        <p className="field__label">{label}</p>
        <p id={id} tabIndex={-1}>
          {k('chosen', { title: value.title, id: format.digits(value.serviceId) })} — {value.agency.name}{' '}
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`${k('change')}: ${label}`}
            onClick={() => {
              onChange(undefined);
              requestAnimationFrame(() => document.getElementById(id)?.focus());
            }}
          >
            {k('change')}
          </button>
        </p>
      </div>
    );
  const resultsLabel = k('results', { what: label });
  return (
    <div className="stack architecture__picker">
      <Field id={id} name={id} label={`${label} — ${k('search')}`} help={help} error={error} required>
        {(props) => (
          <div className="architecture__search">
            <input
              {...props}
              type="search"
              className="input"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  run();
                }
              }}
            />
            <button
              type="button"
              className="button button--secondary"
              aria-label={k('searchButtonOf', { what: label })}
              onClick={run}
            >
              {k('searchButton')}
            </button>
          </div>
        )}
      </Field>
      {search.isPending ? <Loading /> : null}
      {search.isError ? <ErrorNotice error={search.error} /> : null}
      {search.data ? (
        search.data.items.length === 0 ? (
          <p role="status">{k('noResults')}</p>
        ) : (
          <ul className="architecture__results" aria-label={resultsLabel}>
            {search.data.items.map((s) => (
              <li key={s.serviceId}>
                <button type="button" className="button button--ghost button--small" onClick={() => onChange(s)}>
                  {s.title}
                </button>{' '}
                <span className="text-muted">
                  {s.agency.name} · <bdi dir="ltr">{format.digits(s.serviceId)}</bdi>
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

function MarkFormSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const k = useSection('markForm');
  const [service, setService] = useState<FoundService>();
  const [related, setRelated] = useState<FoundService>();
  const [kind, setKind] = useState<MarkKind>('duplicate');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const [pickers, setPickers] = useState(0);
  const needsRelated = kind !== 'removable';
  const problems = {
    service: service ? undefined : k('serviceRequired'),
    related: !needsRelated
      ? undefined
      : !related
        ? k('relatedRequired')
        : related.serviceId === service?.serviceId
          ? k('relatedSame')
          : undefined,
  };
  // A retry of the same mark reuses its key, so the service is never marked twice.
  const keys = useRef(createSubmissionKeys()).current;
  const save = useMutation({
    mutationFn: () => {
      const body = {
        serviceId: service!.serviceId,
        kind,
        ...(needsRelated && related ? { relatedServiceId: related.serviceId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      return createMark(body, keys.keyFor(body));
    },
    onSuccess: async () => {
      keys.reset();
      await queryClient.invalidateQueries({ queryKey: architectureKey });
      setService(undefined);
      setRelated(undefined);
      setNote('');
      setTried(false);
      setDone(true);
      setPickers((n) => n + 1);
    },
  });
  const summary = tried
    ? [
        ...(problems.service ? [{ field: 'mark-service', label: k('service'), message: problems.service }] : []),
        ...(problems.related ? [{ field: 'mark-related', label: k('related'), message: problems.related }] : []),
      ]
    : [];
  return (
    <section className="card stack" aria-labelledby="mark-form-title">
      <div className="card__header">
        <h2 id="mark-form-title" className="card__title">
          {k('title')}
        </h2>
      </div>
      <p className="text-muted">{k('lead')}</p>
      {done ? (
        <Notice tone="success" role="status">
          <p>{k('created')}</p>
        </Notice>
      ) : null}
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          setDone(false);
          const first = problems.service ? 'mark-service' : problems.related ? 'mark-related' : undefined;
          if (first) document.getElementById(first)?.focus();
          else if (!save.isPending) save.mutate();
        }}
      >
        <ErrorSummary id="mark-errors" errors={summary} />
        {save.isError ? <ErrorNotice error={save.error} /> : null}
        <ServicePicker
          key={`s${pickers}`}
          id="mark-service"
          label={k('service')}
          error={tried ? problems.service : undefined}
          value={service}
          onChange={setService}
        />
        <Field id="mark-kind" label={k('kind')} required>
          {(props) => (
            <select {...props} className="input" value={kind} onChange={(e) => setKind(e.target.value as MarkKind)}>
              {MARK_KINDS.map((x) => (
                <option key={x} value={x}>
                  {t(`catalogueArchitecture.kinds.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {needsRelated ? (
          <ServicePicker
            key={`r${pickers}`}
            id="mark-related"
            label={k('related')}
            help={k('relatedHelp')}
            error={tried ? problems.related : undefined}
            value={related}
            onChange={setRelated}
          />
        ) : null}
        <Field id="mark-note" label={k('note')}>
          {(props) => (
            <textarea {...props} className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
        </Field>
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{k('submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}

// Marks ------------------------------------------------------------------------------------------
function MarksSection({ editor }: { editor: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const k = useSection('marks');
  const [status, setStatus] = useState<MarkStatus | undefined>('open');
  const marks = useInfiniteQuery(marksQuery(status));
  const [resolving, setResolving] = useState<ServiceMark>();
  const [done, setDone] = useState(false);
  const filterId = useId();
  const items = marks.data?.pages.flatMap((p) => p.items) ?? [];
  const serviceLine = (s: ServiceMark['service']) => (
    <>
      {s.title} <span className="text-muted">— {s.agency.name}</span>
      {s.serviceId ? (
        <>
          {' · '}
          <bdi dir="ltr">{format.digits(s.serviceId)}</bdi>
        </>
      ) : null}
    </>
  );

  let body: React.ReactNode;
  if (marks.isPending) body = <Loading />;
  else if (marks.isError) body = <ErrorNotice error={marks.error} />;
  else if (items.length === 0) body = <EmptyState icon={<CompassIcon />} title={k('empty')} headingLevel={3} />;
  else
    body = (
      <>
        <ul className="architecture__marks" aria-label={k('listLabel')}>
          {items.map((m) => (
            <li key={m.id} className="architecture__mark">
              <p>
                <span className={`badge ${m.status === 'open' ? 'badge--warning' : 'badge--success'}`}>
                  {t(`catalogueArchitecture.statuses.${m.status}`)}
                </span>{' '}
                <strong>{t(`catalogueArchitecture.kinds.${m.kind}`)}</strong>
              </p>
              <dl className="facts">
                <div className="facts__row">
                  <dt>{k('service')}</dt>
                  <dd>{serviceLine(m.service)}</dd>
                </div>
                {m.related ? (
                  <div className="facts__row">
                    <dt>{k('related')}</dt>
                    <dd>{serviceLine(m.related)}</dd>
                  </div>
                ) : null}
                {m.note ? (
                  <div className="facts__row">
                    <dt>{k('note')}</dt>
                    <dd>{m.note}</dd>
                  </div>
                ) : null}
                {m.resolutionNote ? (
                  <div className="facts__row">
                    <dt>{k('resolution')}</dt>
                    <dd>{m.resolutionNote}</dd>
                  </div>
                ) : null}
              </dl>
              <p className="text-muted">
                {k('by', { name: m.createdBy.name, date: format.date(m.createdAt) })}
                {m.resolvedBy && m.resolvedAt
                  ? ` · ${k('resolvedBy', { name: m.resolvedBy.name, date: format.date(m.resolvedAt) })}`
                  : null}
              </p>
              {editor && m.status === 'open' ? (
                <MarkResolveButton
                  mark={m}
                  onResolve={() => {
                    setDone(false);
                    setResolving(m);
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
        <LoadMoreButton query={marks} />
      </>
    );

  return (
    <section className="card stack" aria-labelledby="marks-title">
      <div className="card__header">
        <h2 id="marks-title" className="card__title">
          {k('title')}
        </h2>
        <div className="architecture__filter">
          <label htmlFor={filterId}>{k('filter')}</label>
          <select
            id={filterId}
            className="input input--inline"
            value={status ?? 'all'}
            onChange={(e) => setStatus(e.target.value === 'all' ? undefined : (e.target.value as MarkStatus))}
          >
            <option value="open">{t('catalogueArchitecture.statuses.open')}</option>
            <option value="resolved">{t('catalogueArchitecture.statuses.resolved')}</option>
            <option value="all">{k('all')}</option>
          </select>
        </div>
      </div>
      {done ? (
        <Notice tone="success" role="status">
          <p>{k('resolved')}</p>
        </Notice>
      ) : null}
      {body}
      <ResolveDialog
        mark={resolving}
        onClose={(ok) => {
          const back = resolving ? `resolve-${resolving.id}` : undefined;
          setResolving(undefined);
          if (ok) {
            setDone(true);
            requestAnimationFrame(() => document.getElementById('marks-title')?.focus());
          } else if (back) requestAnimationFrame(() => document.getElementById(back)?.focus());
        }}
      />
    </section>
  );
}

function ResolveDialog({ mark, onClose }: { mark: ServiceMark | undefined; onClose: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const k = useSection('marks');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const resolve = useMutation({
    mutationFn: (m: ServiceMark) => resolveMark(m.id, { version: m.version, note: note.trim() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: architectureKey });
      finish(true);
    },
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: architectureKey });
    },
  });
  const finish = (ok: boolean) => {
    setNote('');
    setTried(false);
    resolve.reset();
    onClose(ok);
  };
  const error = tried && !note.trim() ? k('noteRequired') : undefined;
  return (
    <Dialog
      open={mark !== undefined}
      onClose={() => finish(false)}
      title={k('resolveTitle')}
      footer={
        <>
          <button
            type="button"
            className="button"
            aria-disabled={resolve.isPending}
            onClick={() => {
              setTried(true);
              if (!note.trim()) document.getElementById('resolve-note')?.focus();
              else if (mark && !resolve.isPending) resolve.mutate(mark);
            }}
          >
            {k('resolveConfirm')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => finish(false)}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {mark ? (
        <p>
          {t(`catalogueArchitecture.kinds.${mark.kind}`)}: {mark.service.title}
        </p>
      ) : null}
      {resolve.isError ? <ErrorNotice error={resolve.error} /> : null}
      <Field id="resolve-note" label={k('resolveNote')} error={error} required>
        {(props) => (
          <textarea {...props} className="input" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
    </Dialog>
  );
}
