import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { ApiError } from '../../../lib/api';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { useFormState } from '../../../lib/useFormState';
import { architectureKey, createTerm, deleteTerm, updateTerm, type TaxonomyTerm, type TermKind } from '../api';
import { SubmitButton } from '../../../components/SubmitButton';
import { useSection } from './useSection';

export type Editing =
  { kind: TermKind; term?: TaxonomyTerm & { domainId?: string }; domainId?: string; focusBack: string } | undefined;
export type Deleting = { kind: TermKind; term: TaxonomyTerm } | undefined;

export const TERM_FIELDS = ['code', 'titleFa', 'titleEn', 'description', 'sort'] as const;
export type TF = (typeof TERM_FIELDS)[number];

/** Adds or edits a domain, category or layer (at the version read: 409 when someone changed it). */
export function TermForm({ editing, onDone }: { editing: NonNullable<Editing>; onDone: (message?: string) => void }) {
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

export function DeleteDialog({ deleting, onClose }: { deleting: Deleting; onClose: (message?: string) => void }) {
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
          <SubmitButton
            type="button"
            pending={remove.isPending}
            variant="danger"
            onClick={() => {
              if (deleting) remove.mutate(deleting);
            }}
          >
            {k('confirmDelete')}
          </SubmitButton>
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
