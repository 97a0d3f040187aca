import {
  ASSURANCE_LEVELS,
  CARD_RECIPIENTS,
  INQUIRY_MODES,
  LIFE_EVENTS,
  PERSON_TYPES,
  SERVICE_LEVELS,
  SERVICE_NATURES,
  START_MODES,
} from '@dargah/contracts';
import { emptyDocument, emptyInquiry, emptySubService } from '../cardForm';
import { CheckField, ChoiceGroup, RepeatGroup, SelectField, TextField, YesNoField } from './fields';
import { LawRefsField, UnitsField } from './pickers';
import { recipientLabel, termOptions } from '../../terms/labels';
import { Section, useSectionKit, type SectionData } from './sections';

/** The card's first sections: what the service is, who provides it, its legal basis, documents, inquiries and identification. */
export function AboutServiceSections({ data }: { data: SectionData }) {
  const { t, f, agencyOptions, n, units, unitsNote } = useSectionKit(data);
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
    </>
  );
}
