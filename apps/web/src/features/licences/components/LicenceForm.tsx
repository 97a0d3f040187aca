import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field, Fieldset, focusField } from '../../../components/Field';
import { ErrorNotice } from '../../../components/Notice';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { useFormat } from '../../../lib/format';
import { createSubmissionKeys } from '../../../lib/idempotency';
import {
  agenciesQuery,
  allLicencesQuery,
  createLicence,
  isConflict,
  licencesQueryKey,
  updateLicence,
  type Licence,
} from '../api';
import { lawsQuery } from '../../laws';
import { SubmitButton } from '../../../components/SubmitButton';
import { AddButton, LawRefsField, RemoveButton } from './licenceFields';
import { ORDER, initialOf, requestBodyOf, validateLicence, type Key, type Values } from './licenceValues';

/**
 * Creates a licence, or edits one at the version it was read (409: someone changed it meanwhile).
 * Every field of the licensing portal; problems are shown at their fields, the client's own
 * checks first and then the server's (unregistered law articles, prerequisite cycles, …).
 */
export function LicenceForm({
  licence,
  agencyIds,
  onDone,
}: {
  licence?: Licence;
  /** The agencies the viewer may register licences for (create only). */
  agencyIds: string[];
  onDone: (saved: Licence | null) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const base = useId();
  const idOf = (k: Key) => `lic-${k}`;
  const laws = useQuery(lawsQuery);
  const agencies = useQuery(agenciesQuery);
  const others = useQuery(allLicencesQuery);
  const [values, setValues] = useState<Values>(() => initialOf(licence, agencyIds[0] ?? ''));
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [other, setOther] = useState<string[]>([]);
  const set = <K extends Key>(k: K, v: Values[K]) => {
    setValues((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const agencyName = (id: string) => {
    const a = agencies.data?.find((x) => x.id === id);
    return a ? (format.lang === 'en' && a.nameEn) || a.nameFa : id;
  };
  const label = (k: Key) => t(`licences.form.${k}`);

  // A retry of the same create reuses its key, so the licence is never registered twice.
  const keys = useRef(createSubmissionKeys()).current;
  const save = useMutation({
    mutationFn: () => {
      const body = requestBodyOf(values);
      if (licence) return updateLicence(licence.id, { ...body, version: licence.version });
      const input = { ...body, agencyId: values.agencyId };
      return createLicence(input, keys.keyFor(input));
    },
    onSuccess: async (saved) => {
      keys.reset();
      await queryClient.invalidateQueries({ queryKey: licencesQueryKey });
      onDone(saved);
    },
    onError: (error) => {
      const found = fieldErrorsOf(error);
      if (!found) {
        setOther([]);
        return;
      }
      const next: Partial<Record<Key, string>> = {};
      for (const k of ORDER) if (found.fields[k]) next[k] = found.fields[k];
      setErrors(next);
      setOther(found.other);
      const first = ORDER.find((k) => next[k]);
      if (first) focusField(idOf(first));
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const e = validateLicence(values, t, { isNew: !licence });
    setErrors(e);
    setOther([]);
    const first = ORDER.find((k) => e[k]);
    if (first) {
      focusField(idOf(first));
      return;
    }
    save.mutate();
  };

  const summary = ORDER.filter((k) => errors[k]).map((k) => ({ field: idOf(k), label: label(k), message: errors[k]! }));
  const titleId = `${base}-title`;
  const text = (k: 'title' | 'kind', required = true, help?: string) => (
    <Field id={idOf(k)} label={label(k)} required={required} error={errors[k]} help={help}>
      {(p) => <input {...p} className="input" value={values[k]} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );
  const area = (
    k: 'conditions' | 'renewalTerms' | 'amendmentTerms' | 'cancellationConditions',
    required: boolean,
    help?: string,
  ) => (
    <Field id={idOf(k)} label={label(k)} required={required} error={errors[k]} help={help}>
      {(p) => <textarea {...p} className="input" rows={3} value={values[k]} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );
  const number = (k: 'issueDays' | 'validityMonths' | 'costRials', required: boolean, help?: string) => (
    <Field id={idOf(k)} label={label(k)} required={required} error={errors[k]} help={help}>
      {(p) => (
        <input
          {...p}
          className="input input--digits"
          inputMode="numeric"
          dir="ltr"
          value={values[k]}
          onChange={(e) => set(k, e.target.value)}
        />
      )}
    </Field>
  );
  const refs = (k: 'legalBasis' | 'costLegalBasis', required: boolean) => (
    <LawRefsField
      id={idOf(k)}
      legend={label(k)}
      required={required}
      error={errors[k]}
      rows={values[k]}
      laws={laws.data ?? []}
      onChange={(rows) => set(k, rows)}
    />
  );

  const candidates = (others.data?.items ?? []).filter((x) => x.id !== licence?.id);
  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        {licence ? t('licences.form.editTitle', { title: licence.title }) : t('licences.form.newTitle')}
      </h2>
      <form className="stack" noValidate onSubmit={submit}>
        <ErrorSummary id={`${base}-summary`} errors={summary} other={other} />
        {save.isError && !fieldErrorsOf(save.error) ? (
          <ErrorNotice
            error={save.error}
            title={isConflict(save.error) ? t('licences.form.conflict') : t('licences.form.failed')}
          />
        ) : null}
        <div className="form-grid">
          {licence ? null : (
            <Field id={idOf('agencyId')} label={label('agencyId')} required error={errors.agencyId}>
              {(p) => (
                <select
                  {...p}
                  className="input"
                  value={values.agencyId}
                  onChange={(e) => set('agencyId', e.target.value)}
                >
                  {agencyIds.map((id) => (
                    <option key={id} value={id}>
                      {agencyName(id)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {text('title')}
          {text('kind', true, t('licences.form.kindHelp'))}
        </div>
        {refs('legalBasis', true)}
        {area('conditions', false, t('licences.form.conditionsHelp'))}

        <Fieldset id={idOf('documents')} legend={label('documents')} error={errors.documents}>
          {() => (
            <div className="stack">
              {values.documents.map((d, i) => {
                const n = format.number(i + 1);
                const row = (patch: Partial<Values['documents'][number]>) =>
                  set(
                    'documents',
                    values.documents.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                  );
                return (
                  <div key={i} className="licence-row">
                    <input
                      className="input"
                      aria-label={t('licences.form.documentOf', { n })}
                      value={d.title}
                      onChange={(e) => row({ title: e.target.value })}
                    />
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={d.mandatory}
                        onChange={(e) => row({ mandatory: e.target.checked })}
                      />
                      <span>{t('licences.form.mandatory')}</span>
                    </label>
                    <RemoveButton
                      label={t('licences.form.removeRow', { n })}
                      onClick={() =>
                        set(
                          'documents',
                          values.documents.filter((_, j) => j !== i),
                        )
                      }
                    />
                  </div>
                );
              })}
              <AddButton onClick={() => set('documents', [...values.documents, { title: '', mandatory: true }])}>
                {t('licences.form.addDocument')}
              </AddButton>
            </div>
          )}
        </Fieldset>

        <Fieldset id={idOf('inquiries')} legend={label('inquiries')} error={errors.inquiries}>
          {() => (
            <div className="stack">
              {values.inquiries.map((q, i) => {
                const n = format.number(i + 1);
                const row = (patch: Partial<Values['inquiries'][number]>) =>
                  set(
                    'inquiries',
                    values.inquiries.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                  );
                return (
                  <div key={i} className="licence-row">
                    <select
                      className="input"
                      aria-label={t('licences.form.inquiryAgencyOf', { n })}
                      value={q.agencyId}
                      onChange={(e) => row({ agencyId: e.target.value })}
                    >
                      <option value="">{t('licences.form.chooseAgency')}</option>
                      {agencies.data?.map((a) => (
                        <option key={a.id} value={a.id}>
                          {agencyName(a.id)}
                        </option>
                      ))}
                    </select>
                    <input
                      className="input"
                      aria-label={t('licences.form.inquiryDataOf', { n })}
                      value={q.data}
                      onChange={(e) => row({ data: e.target.value })}
                    />
                    <RemoveButton
                      label={t('licences.form.removeRow', { n })}
                      onClick={() =>
                        set(
                          'inquiries',
                          values.inquiries.filter((_, j) => j !== i),
                        )
                      }
                    />
                  </div>
                );
              })}
              <AddButton onClick={() => set('inquiries', [...values.inquiries, { agencyId: '', data: '' }])}>
                {t('licences.form.addInquiry')}
              </AddButton>
            </div>
          )}
        </Fieldset>

        <Fieldset id={idOf('prerequisiteIds')} legend={label('prerequisiteIds')} error={errors.prerequisiteIds}>
          {(describedBy) =>
            candidates.length === 0 ? (
              <p className="text-muted">{t('licences.form.noCandidates')}</p>
            ) : (
              <div className="stack licence-choices">
                {candidates.map((c) => (
                  <label key={c.id} className="check">
                    <input
                      type="checkbox"
                      aria-describedby={describedBy}
                      checked={values.prerequisiteIds.includes(c.id)}
                      onChange={(e) =>
                        set(
                          'prerequisiteIds',
                          e.target.checked
                            ? [...values.prerequisiteIds, c.id]
                            : values.prerequisiteIds.filter((x) => x !== c.id),
                        )
                      }
                    />
                    <span>
                      {c.title} <span className="text-muted">({c.agencyName})</span>
                    </span>
                  </label>
                ))}
              </div>
            )
          }
        </Fieldset>

        <div className="form-grid">
          {number('issueDays', true, t('licences.form.issueDaysHelp'))}
          {number('validityMonths', false, t('licences.form.validityHelp'))}
          {number('costRials', true, t('licences.form.costHelp'))}
        </div>
        {refs('costLegalBasis', false)}
        {area('renewalTerms', false)}
        {area('amendmentTerms', false)}
        {area('cancellationConditions', true)}
        <div className="form-actions toolbar">
          <SubmitButton pending={save.isPending}>
            {licence ? t('licences.form.save') : t('licences.form.create')}
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
            {t('licences.common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
