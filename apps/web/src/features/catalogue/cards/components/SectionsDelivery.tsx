import { CHANNEL_KINDS, MATURITY_LEVELS, NOT_YET_ELECTRONIC } from '@dargah/contracts';
import { useTranslation } from 'react-i18next';
import type { ServiceArchitecture } from '../api';
import { emptyFee, emptyOffice, type CardForm } from '../cardForm';
import { CheckField, ChoiceGroup, RepeatGroup, SelectField, TextField, YesNoField, useCardForm } from './fields';
import { LawRefsField, UnitsField } from './pickers';
import { termOptions } from '../../terms/labels';
import { Section, useSectionKit, type SectionData } from './sections';

/** The card's delivery sections: fees, visits, channels, process, complaints, maturity, classification and offices. */
export function DeliverySections({ data }: { data: SectionData }) {
  const { t, i18n, f, n, units, unitsNote } = useSectionKit(data);
  return (
    <>
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
