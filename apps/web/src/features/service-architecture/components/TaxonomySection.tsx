import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { QueryStates } from '../../../components/QueryStates';
import { CompassIcon, PlusIcon } from '../../../components/icons';
import { termsQuery, type TaxonomyTerm, type TermKind } from '../api';
import { DeleteDialog, TermForm, type Deleting, type Editing } from './TermDialogs';
import { useSection } from './useSection';

// Taxonomy ---------------------------------------------------------------------------------------

export function TaxonomySection({ editor }: { editor: boolean }) {
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

  const body = (
    <QueryStates query={terms}>
      {(data) => (
        <>
          {formFor('domains', undefined)}
          {data.domains.length === 0 ? (
            <EmptyState icon={<CompassIcon />} title={k('emptyDomains')} headingLevel={3}>
              {editor ? <p>{k('emptyDomainsBody')}</p> : null}
            </EmptyState>
          ) : (
            <ul className="architecture__domains">
              {data.domains.map((d) => (
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
      )}
    </QueryStates>
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
