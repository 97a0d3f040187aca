import {
  ASSURANCE_LEVELS,
  CARD_RECIPIENTS,
  CHANNEL_KINDS,
  INQUIRY_MODES,
  LIFE_EVENTS,
  MATURITY_LEVELS,
  NOT_YET_ELECTRONIC,
  PERSON_TYPES,
  SERVICE_LEVELS,
  SERVICE_NATURES,
  START_MODES,
} from '@dargah/contracts';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../../components/Notice';
import type { OrgUnit, PublicAgency } from '../../../../lib/contracts';
import { useFormat } from '../../../../lib/format';
import type { Law, ServiceArchitecture } from '../api';
import { emptyDocument, emptyFee, emptyInquiry, emptyOffice, emptySubService, type CardForm } from '../cardForm';
import { CheckField, ChoiceGroup, RepeatGroup, SelectField, TextField, YesNoField, useCardForm } from './fields';
import { LawRefsField, UnitsField } from './pickers';
import { recipientLabel, termOptions } from '../../terms/labels';

/** The sections of the card, in order: the in-page index lists them. */
export const SECTIONS = [
  'basics',
  'description',
  'agencies',
  'kind',
  'legal',
  'documents',
  'inquiries',
  'identity',
  'fees',
  'visits',
  'channels',
  'process',
  'complaint',
  'maturity',
  'classification',
  'offices',
] as const;
export type SectionKey = (typeof SECTIONS)[number];
export const sectionId = (key: SectionKey) => `cf-section-${key}`;

/** Sections titled only in the editor; the rest share their titles with the card page (`catalogueTerms.section`). */
const EDITOR_SECTIONS = ['basics', 'description', 'kind', 'classification'] as const;
type EditorSection = (typeof EDITOR_SECTIONS)[number];
const isEditorSection = (k: SectionKey): k is EditorSection => (EDITOR_SECTIONS as readonly string[]).includes(k);

/** A section's title, as the section heading and the in-page index show it. */
export const sectionTitle = (t: TFunction, k: SectionKey): string =>
  isEditorSection(k) ? t(`catalogueCards.section.${k}`) : t(`catalogueTerms.section.${k}`);

export interface SectionData {
  /** The providing agency. */
  agencyId: string;
  agencies: readonly PublicAgency[];
  laws: readonly Law[];
  /** The agency's unit tree; `null` when the reader may not list it. */
  units: readonly OrgUnit[] | null;
  architecture: ServiceArchitecture | null;
}

function Section({ k, children }: { k: SectionKey; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="card stack cf-section" aria-labelledby={`${sectionId(k)}-title`} id={sectionId(k)}>
      <h2 id={`${sectionId(k)}-title`} className="card__title" tabIndex={-1}>
        {sectionTitle(t, k)}
      </h2>
      {children}
    </section>
  );
}

/** Every field of the service identity card, section by section. */
export function CardSections({ data }: { data: SectionData }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { form } = useCardForm();
  const f = form;
  const agencyName = (a: PublicAgency) => (i18n.language === 'en' && a.nameEn ? a.nameEn : a.nameFa);
  const agencyOptions = data.agencies.map((a) => ({ value: a.id, label: agencyName(a) }));
  const n = (x: number) => format.number(x);
  const units = data.units;
  const unitsNote = (count: number) =>
    units === null ? (
      <Notice tone="info">
        <p>{t('catalogueCards.field.unitsUnavailable', { n: n(count) })}</p>
      </Notice>
    ) : null;

  return (
    <>
      <Section k="basics">
        <TextField path="title" label={t('catalogueTerms.field.title')} help={t('catalogueCards.field.titleHelp')} />
        <TextField
          path="titleEn"
          label={t('catalogueCards.field.titleEn')}
          help={t('catalogueCards.field.titleEnHelp')}
        />
        <RepeatGroup
          path="subServices"
          legend={t('catalogueTerms.field.subServices')}
          rows={f.subServices}
          itemLabel={(i) => t('catalogueCards.field.subService', { n: n(i) })}
          addLabel={t('catalogueCards.field.addSubService')}
          make={emptySubService}
        >
          {(_row, _i, p) => (
            <>
              <TextField path={`${p}.title`} label={t('catalogueCards.field.subServiceTitle')} />
              <TextField path={`${p}.description`} label={t('catalogueCards.field.subServiceDescription')} multiline />
            </>
          )}
        </RepeatGroup>
      </Section>

      <Section k="description">
        <TextField
          path="description"
          label={t('catalogueTerms.field.description')}
          help={t('catalogueCards.field.descriptionHelp')}
          multiline
        />
      </Section>

      <Section k="agencies">
        <ChoiceGroup
          path="collaboratingAgencyIds"
          legend={t('catalogueCards.field.collaboratingAgencies')}
          help={t('catalogueCards.field.collaboratingHelp')}
          multiple
          options={agencyOptions.filter((a) => a.value !== data.agencyId)}
        />
        {units === null ? (
          unitsNote(f.orgUnitIds.length)
        ) : (
          <UnitsField
            path="orgUnitIds"
            legend={t('catalogueTerms.field.orgUnits')}
            help={t('catalogueCards.field.orgUnitsHelp')}
            units={units}
          />
        )}
      </Section>

      <Section k="kind">
        <ChoiceGroup
          path="recipients"
          legend={t('catalogueTerms.field.recipients')}
          multiple
          options={CARD_RECIPIENTS.map((v) => ({ value: v, label: recipientLabel(t, v, { withCode: true }) }))}
        />
        <ChoiceGroup
          path="nature"
          legend={t('catalogueTerms.field.nature')}
          options={termOptions(t, 'nature', SERVICE_NATURES)}
        />
        <ChoiceGroup
          path="level"
          legend={t('catalogueTerms.field.level')}
          options={termOptions(t, 'level', SERVICE_LEVELS)}
        />
        <ChoiceGroup
          path="lifeEvents"
          legend={t('catalogueTerms.field.lifeEvents')}
          multiple
          columns
          options={termOptions(t, 'lifeEvent', LIFE_EVENTS)}
        />
        <ChoiceGroup
          path="startMode"
          legend={t('catalogueTerms.field.startMode')}
          options={termOptions(t, 'startMode', START_MODES)}
        />
      </Section>

      <Section k="legal">
        <LawRefsField
          path="legalBasis"
          legend={t('catalogueCards.field.legalBasis')}
          help={t('catalogueCards.field.legalBasisHelp')}
          laws={data.laws}
        />
      </Section>

      <Section k="documents">
        <ChoiceGroup
          path="documents"
          valuePath="documentsAnswer"
          legend={t('catalogueCards.field.documentsAnswer')}
          options={[
            { value: 'yes', label: t('catalogueCards.field.documentsYes') },
            { value: 'no', label: t('catalogueCards.field.documentsNo') },
          ]}
        />
        {f.documentsAnswer === 'yes' ? (
          <RepeatGroup
            path="documents"
            groupPath="documents.rows"
            legend={t('catalogueTerms.section.documents')}
            rows={f.documents}
            itemLabel={(i) => t('catalogueCards.field.document', { n: n(i) })}
            addLabel={t('catalogueCards.field.addDocument')}
            make={emptyDocument}
          >
            {(row, _i, p) => (
              <>
                <TextField path={`${p}.title`} label={t('catalogueCards.field.documentTitle')} />
                <YesNoField path={`${p}.mandatory`} legend={t('catalogueCards.field.mandatory')} />
                <CheckField path={`${p}.byInquiry`} label={t('catalogueCards.field.byInquiry')} />
                <TextField
                  path={`${p}.evidenceType`}
                  label={t('catalogueTerms.field.evidenceType')}
                  help={t('catalogueCards.field.evidenceTypeHelp')}
                />
                {row.byInquiry ? (
                  <SelectField
                    path={`${p}.providerAgencyId`}
                    label={t('catalogueTerms.field.providerAgency')}
                    options={agencyOptions}
                  />
                ) : null}
              </>
            )}
          </RepeatGroup>
        ) : null}
      </Section>

      <Section k="inquiries">
        <ChoiceGroup
          path="inquiries"
          valuePath="inquiriesAnswer"
          legend={t('catalogueCards.field.inquiriesAnswer')}
          options={[
            { value: 'yes', label: t('catalogueCards.field.inquiriesYes') },
            { value: 'no', label: t('catalogueCards.field.inquiriesNo') },
          ]}
        />
        {f.inquiriesAnswer === 'yes' ? (
          <RepeatGroup
            path="inquiries"
            groupPath="inquiries.rows"
            legend={t('catalogueTerms.section.inquiries')}
            rows={f.inquiries}
            itemLabel={(i) => t('catalogueCards.field.inquiry', { n: n(i) })}
            addLabel={t('catalogueCards.field.addInquiry')}
            make={emptyInquiry}
          >
            {(_row, _i, p) => (
              <>
                <SelectField
                  path={`${p}.agencyId`}
                  label={t('catalogueTerms.field.inquiryAgency')}
                  options={agencyOptions}
                />
                <TextField path={`${p}.data`} label={t('catalogueTerms.field.inquiryData')} multiline />
                <ChoiceGroup
                  path={`${p}.mode`}
                  legend={t('catalogueTerms.field.inquiryMode')}
                  options={termOptions(t, 'inquiryMode', INQUIRY_MODES)}
                />
              </>
            )}
          </RepeatGroup>
        ) : null}
      </Section>

      <Section k="identity">
        <p className="text-muted">{t('catalogueCards.field.identityHelp')}</p>
        <ChoiceGroup
          path="identity.personTypes"
          legend={t('catalogueTerms.field.personTypes')}
          multiple
          options={termOptions(t, 'personType', PERSON_TYPES)}
        />
        <ChoiceGroup
          path="identity.assuranceLevel"
          legend={t('catalogueTerms.field.assuranceLevel')}
          options={termOptions(t, 'assurance', ASSURANCE_LEVELS)}
        />
      </Section>

      <Section k="fees">
        <ChoiceGroup
          path="fees"
          valuePath="feesAnswer"
          legend={t('catalogueCards.field.feesAnswer')}
          options={[
            { value: 'yes', label: t('catalogueCards.field.feesYes') },
            { value: 'no', label: t('catalogueCards.field.feesNo') },
          ]}
        />
        {f.feesAnswer === 'yes' ? (
          <RepeatGroup
            path="fees"
            groupPath="fees.rows"
            legend={t('catalogueTerms.section.fees')}
            rows={f.fees}
            itemLabel={(i) => t('catalogueCards.field.fee', { n: n(i) })}
            addLabel={t('catalogueCards.field.addFee')}
            make={emptyFee}
          >
            {(_row, _i, p) => (
              <>
                <TextField path={`${p}.title`} label={t('catalogueCards.field.feeTitle')} />
                <TextField
                  path={`${p}.amountRials`}
                  label={t('catalogueTerms.field.amountRials')}
                  ltr
                  inputMode="numeric"
                />
                <TextField
                  path={`${p}.sheba`}
                  label={t('catalogueTerms.field.sheba')}
                  help={t('catalogueCards.field.shebaHelp')}
                  ltr
                  placeholder="IR…"
                />
                <LawRefsField
                  path={`${p}.legalBasis`}
                  legend={t('catalogueCards.field.feeLegalBasis')}
                  laws={data.laws}
                />
              </>
            )}
          </RepeatGroup>
        ) : null}
      </Section>

      <Section k="visits">
        <TextField
          path="inPersonVisits.count"
          label={t('catalogueCards.field.visitsCount')}
          help={t('catalogueCards.field.visitsCountHelp')}
          ltr
          inputMode="numeric"
        />
        <TextField path="inPersonVisits.reason" label={t('catalogueCards.field.visitsReason')} multiline />
      </Section>

      <Section k="channels">
        {(['information', 'request', 'delivery'] as const).map((stage) => (
          <ChoiceGroup
            key={stage}
            path={`channels.${stage}`}
            legend={t(
              `catalogueCards.field.channels${stage === 'information' ? 'Information' : stage === 'request' ? 'Request' : 'Delivery'}`,
            )}
            multiple
            columns
            options={termOptions(t, 'channel', CHANNEL_KINDS)}
          />
        ))}
        <TextField
          path="channels.eServiceUrl"
          label={t('catalogueTerms.field.eServiceUrl')}
          help={t('catalogueCards.field.eServiceUrlHelp')}
          ltr
          inputMode="url"
        />
      </Section>

      <Section k="process">
        {(['start', 'production', 'delivery'] as const).map((stage) => (
          <fieldset key={stage} className="cf-row" id={`cf-process-${stage}`}>
            <legend className="cf-row__legend">
              {t(
                `catalogueCards.field.stage${stage === 'start' ? 'Start' : stage === 'production' ? 'Production' : 'Delivery'}`,
              )}
            </legend>
            <div className="cf-row__body">
              <TextField
                path={`process.${stage}.description`}
                label={t('catalogueCards.field.stageDescription')}
                multiline
              />
              {units === null ? (
                unitsNote(f.process[stage].unitIds.length)
              ) : units.length > 0 ? (
                <UnitsField
                  path={`process.${stage}.unitIds`}
                  legend={t('catalogueCards.field.stageUnits')}
                  units={units}
                />
              ) : null}
            </div>
          </fieldset>
        ))}
        <div className="form-grid">
          <TextField
            path="process.legalDeadlineDays"
            label={t('catalogueTerms.field.legalDeadlineDays')}
            ltr
            inputMode="numeric"
          />
          <TextField
            path="process.normDays"
            label={t('catalogueTerms.field.normDays')}
            help={t('catalogueCards.field.normDaysHelp')}
            ltr
            inputMode="numeric"
          />
        </div>
        <YesNoField path="process.extensionAllowed" legend={t('catalogueCards.field.extensionAllowed')} />
        {f.process.extensionAllowed === 'yes' || f.process.extensionTermDays !== '' ? (
          <TextField
            path="process.extensionTermDays"
            label={t('catalogueTerms.field.extensionTermDays')}
            ltr
            inputMode="numeric"
          />
        ) : null}
      </Section>

      <Section k="complaint">
        <TextField
          path="complaintRoute"
          label={t('catalogueTerms.field.complaintRoute')}
          help={t('catalogueCards.field.complaintRouteHelp')}
          multiline
        />
      </Section>

      <Section k="maturity">
        <MaturityFields form={f} />
      </Section>

      <Section k="classification">
        {data.architecture && (data.architecture.domains.length > 0 || data.architecture.layers.length > 0) ? (
          <div className="form-grid">
            <CategorySelect architecture={data.architecture} />
            <SelectField
              path="classification.layerId"
              label={t('catalogueTerms.field.layer')}
              options={data.architecture.layers.map((l) => ({
                value: l.id,
                label: i18n.language === 'en' && l.titleEn ? l.titleEn : l.title,
              }))}
            />
          </div>
        ) : (
          <p className="text-muted">{t('catalogueCards.field.noArchitecture')}</p>
        )}
      </Section>

      <Section k="offices">
        <RepeatGroup
          path="offices"
          legend={t('catalogueTerms.section.offices')}
          rows={f.offices}
          itemLabel={(i) => t('catalogueCards.field.office', { n: n(i) })}
          addLabel={t('catalogueCards.field.addOffice')}
          make={emptyOffice}
        >
          {(_row, _i, p) => (
            <div className="form-grid">
              <TextField path={`${p}.name`} label={t('catalogueTerms.field.officeName')} />
              <TextField path={`${p}.province`} label={t('catalogueTerms.field.province')} />
              <TextField path={`${p}.address`} label={t('catalogueTerms.field.address')} multiline />
              <TextField path={`${p}.hours`} label={t('catalogueTerms.field.hours')} />
              <TextField path={`${p}.phone`} label={t('catalogueTerms.field.phone')} ltr inputMode="tel" />
            </div>
          )}
        </RepeatGroup>
      </Section>
    </>
  );
}

function MaturityFields({ form }: { form: CardForm }) {
  const { t } = useTranslation();
  const m = form.maturity;
  const notYet = (NOT_YET_ELECTRONIC as readonly string[]).includes(m.level);
  const opts = termOptions(t, 'maturity', MATURITY_LEVELS);
  return (
    <>
      <ChoiceGroup path="maturity.level" legend={t('catalogueTerms.field.maturityLevel')} options={opts} />
      {notYet || m.plannedDate || m.reason || m.hasExemption ? (
        <>
          <CheckField path="maturity.hasExemption" label={t('catalogueCards.field.hasExemption')} />
          {m.hasExemption ? (
            <div className="form-grid">
              <TextField path="maturity.exemption.reference" label={t('catalogueCards.field.exemptionReference')} />
              <TextField
                path="maturity.exemption.approvedOn"
                label={t('catalogueCards.field.exemptionApprovedOn')}
                help={t('catalogueCards.field.plannedDateHelp')}
                ltr
                inputMode="numeric"
                placeholder="۱۴۰۴/۰۱/۱۵"
              />
            </div>
          ) : (
            <div className="form-grid">
              <TextField
                path="maturity.plannedDate"
                label={t('catalogueTerms.field.plannedDate')}
                help={t('catalogueCards.field.plannedDateHelp')}
                ltr
                inputMode="numeric"
                placeholder="۱۴۰۵/۰۶/۳۱"
              />
              <TextField path="maturity.reason" label={t('catalogueCards.field.maturityReason')} multiline />
            </div>
          )}
        </>
      ) : null}
    </>
  );
}

function CategorySelect({ architecture }: { architecture: ServiceArchitecture }) {
  const { t, i18n } = useTranslation();
  const { form, update, errorAt } = useCardForm();
  const title = (x: { title: string; titleEn: string | null }) =>
    i18n.language === 'en' && x.titleEn ? x.titleEn : x.title;
  const id = 'cf-classification-categoryId';
  const error = errorAt('classification.categoryId');
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <label htmlFor={id} className="field__label">
        {t('catalogueTerms.field.category')}
        <span className="field__optional"> {t('form.optional')}</span>
      </label>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      <select
        id={id}
        className="input"
        value={form.classification.categoryId}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        onChange={(e) => update('classification.categoryId', e.target.value)}
      >
        <option value="">{t('catalogueCards.form.choose')}</option>
        {architecture.domains.map((d) => (
          <optgroup key={d.id} label={title(d)}>
            {d.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {title(c)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
