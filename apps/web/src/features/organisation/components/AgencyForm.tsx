import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '../../../components/Field';
import { ErrorNotice, Notice } from '../../../components/Notice';
import { ApiError } from '../../../lib/api';
import type { Agency, AgencyInput, AgencyKind } from '../../../lib/contracts';
import { createSubmissionKeys } from '../../../lib/idempotency';
import { useFormState } from '../../../lib/useFormState';
import { legalIdProblem, normaliseDigits } from '../../../lib/validation';
import { adminAgenciesQuery, createAgency, updateAgency } from '../api';
import { SubmitButton } from '../../../components/SubmitButton';

export const AGENCY_KINDS: readonly AgencyKind[] = [
  'ministry',
  'organisation',
  'provincial_office',
  'county_office',
  'central_body',
];
const FIELDS = ['legalId', 'nameFa', 'nameEn', 'kind', 'parentId', 'province', 'county'] as const;
type F = (typeof FIELDS)[number];

const fromAgency = (a: Agency | undefined): Record<F, string> => ({
  legalId: a?.legalId ?? '',
  nameFa: a?.nameFa ?? '',
  nameEn: a?.nameEn ?? '',
  kind: a?.kind ?? '',
  parentId: a?.parentId ?? '',
  province: a?.province ?? '',
  county: a?.county ?? '',
});

/** Creates an agency, or edits one (sending the version it was read at; 409 when it changed since). */
export function AgencyForm({
  agency,
  agencies,
  onDone,
  canChangeLegalIdOrParent = true,
}: {
  agency?: Agency;
  agencies: readonly Agency[];
  onDone: (saved: Agency | null) => void;
  /** From the agency's capabilities: only a platform administrator changes these two. */
  canChangeLegalIdOrParent?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = agency ? `agency-edit-` : 'agency-new-';
  const form = useFormState<F>({
    order: FIELDS,
    initial: fromAgency(agency),
    idPrefix: prefix,
    validate: (v) => {
      const legal = legalIdProblem(v.legalId);
      const nameLength = [...v.nameFa.trim()].length;
      return {
        legalId: legal ? t(legal) : undefined,
        nameFa:
          nameLength === 0
            ? t('validation.required')
            : nameLength < 2
              ? t('validation.tooShort', { count: 2, n: 2 })
              : undefined,
        kind: v.kind === '' ? t('validation.choose') : undefined,
      };
    },
  });

  const keys = useRef(createSubmissionKeys()).current;
  const save = useMutation({
    mutationFn: (body: AgencyInput) =>
      agency ? updateAgency(agency.id, { ...body, version: agency.version }) : createAgency(body, keys.keyFor(body)),
    onSuccess: async (saved) => {
      keys.reset();
      await queryClient.invalidateQueries({ queryKey: adminAgenciesQuery.queryKey });
      onDone(saved);
    },
    onError: (error) => {
      form.showServerError(error, { LEGAL_ID_TAKEN: 'legalId' }, error instanceof ApiError ? error.message : undefined);
      if (error instanceof ApiError && error.status === 409 && error.code !== 'LEGAL_ID_TAKEN') {
        void queryClient.invalidateQueries({ queryKey: adminAgenciesQuery.queryKey });
      }
    },
  });

  const labels: Record<F, string> = {
    legalId: t('admin.agency.legalId'),
    nameFa: t('admin.agency.nameFa'),
    nameEn: t('admin.agency.nameEn'),
    kind: t('admin.agency.kind'),
    parentId: t('admin.agency.parent'),
    province: t('admin.agency.province'),
    county: t('admin.agency.county'),
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (save.isPending || !form.check()) return;
    const v = form.values;
    const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
    save.mutate({
      legalId: normaliseDigits(v.legalId),
      nameFa: v.nameFa.trim(),
      ...(opt(v.nameEn) ? { nameEn: opt(v.nameEn) } : {}),
      kind: v.kind as AgencyKind,
      parentId: v.parentId === '' ? null : v.parentId,
      ...(opt(v.province) ? { province: opt(v.province) } : {}),
      ...(opt(v.county) ? { county: opt(v.county) } : {}),
    });
  };

  const conflict = save.error instanceof ApiError && save.error.status === 409 && save.error.code !== 'LEGAL_ID_TAKEN';
  const placed = save.isError && (form.summary(labels).length > 0 || conflict);

  return (
    <form className="stack" noValidate onSubmit={onSubmit}>
      <ErrorSummary id={`${prefix}errors`} errors={form.summary(labels)} />
      {conflict ? (
        <Notice tone="warning" role="alert" title={t('admin.conflictTitle')}>
          <p>{t('admin.conflictBody')}</p>
        </Notice>
      ) : save.isError && !placed ? (
        <ErrorNotice error={save.error} />
      ) : null}
      <div className="form-grid">
        <Field
          id={form.idOf('legalId')}
          name="legalId"
          label={labels.legalId}
          help={t('admin.agency.legalIdHelp')}
          error={form.errorOf('legalId')}
          required
        >
          {(props) => (
            <input
              {...props}
              className="input input--digits"
              inputMode="numeric"
              maxLength={15}
              autoComplete="off"
              readOnly={!canChangeLegalIdOrParent}
              {...form.bind('legalId')}
            />
          )}
        </Field>
        <Field id={form.idOf('kind')} name="kind" label={labels.kind} error={form.errorOf('kind')} required>
          {(props) => (
            <select {...props} className="input" {...form.bind('kind')}>
              <option value="">{t('form.choose')}</option>
              {AGENCY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`admin.agencyKinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={form.idOf('nameFa')} name="nameFa" label={labels.nameFa} error={form.errorOf('nameFa')} required>
          {(props) => <input {...props} className="input" lang="fa" dir="rtl" {...form.bind('nameFa')} />}
        </Field>
        <Field id={form.idOf('nameEn')} name="nameEn" label={labels.nameEn} error={form.errorOf('nameEn')}>
          {(props) => <input {...props} className="input" lang="en" dir="ltr" {...form.bind('nameEn')} />}
        </Field>
        <Field id={form.idOf('parentId')} name="parentId" label={labels.parentId} error={form.errorOf('parentId')}>
          {(props) => (
            <select {...props} className="input" disabled={!canChangeLegalIdOrParent} {...form.bind('parentId')}>
              <option value="">{t('admin.agency.noParent')}</option>
              {agencies
                .filter((a) => a.id !== agency?.id)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.nameFa}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field id={form.idOf('province')} name="province" label={labels.province} error={form.errorOf('province')}>
          {(props) => <input {...props} className="input" {...form.bind('province')} />}
        </Field>
        <Field id={form.idOf('county')} name="county" label={labels.county} error={form.errorOf('county')}>
          {(props) => <input {...props} className="input" {...form.bind('county')} />}
        </Field>
      </div>
      <div className="form-actions">
        <SubmitButton pending={save.isPending}>{agency ? t('common.save') : t('admin.agency.create')}</SubmitButton>
        <button type="button" className="button button--ghost" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
