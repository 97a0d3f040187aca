import type { ServiceCardContent } from '@dargah/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../lib/format';
import type { ServiceCardView } from '../api';
import { enumLabel, fieldLabel, fieldName, displayValue } from '../labels';
import type { CardRefs } from '../refs';
import type { TermKind } from '../../terms/labels';

/** Fields the sections below show; anything else in the content is listed under «سایر اطلاعات». */
const SHOWN = new Set([
  'title',
  'titleEn',
  'subServices',
  'description',
  'collaboratingAgencyIds',
  'orgUnitIds',
  'recipients',
  'nature',
  'level',
  'lifeEvents',
  'startMode',
  'classification',
  'legalBasis',
  'documents',
  'inquiries',
  'identity',
  'fees',
  'inPersonVisits',
  'channels',
  'process',
  'complaintRoute',
  'maturity',
  'offices',
]);

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd className="answers__value">{children}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="subpanel stack card-content__section" aria-labelledby={id}>
      <h3 id={id} className="subpanel__title">
        {title}
      </h3>
      {children}
    </section>
  );
}

/**
 * The whole card, read-only, in the sections a reviewer reads it by: every field of the content,
 * with law titles and articles, agency, unit and category names, enumerations in words.
 */
export function CardContentView({ card, refs }: { card: ServiceCardView; refs: CardRefs }) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = card.content as ServiceCardContent;
  const f = (key: string) => fieldName(key, t);
  const notGiven = <span className="text-muted">{t('catalogueReview.fields.notGiven')}</span>;
  const list = (kind: TermKind, values: readonly string[] | undefined) =>
    values && values.length > 0 ? (
      <ul className="chips">
        {values.map((v) => (
          <li key={v} className="chip">
            {enumLabel(kind, v, t)}
          </li>
        ))}
      </ul>
    ) : (
      notGiven
    );
  const text = (v: string | undefined) => (v ? v : notGiven);
  const num = (v: number | undefined, days = false) =>
    v === undefined
      ? notGiven
      : days
        ? t('catalogueReview.fields.workingDays', { n: format.number(v) })
        : format.number(v);
  const yesNo = (v: boolean | undefined) => (v === undefined ? notGiven : v ? t('common.yes') : t('common.no'));
  const lawRef = (r: { lawId: string; article: string }) => {
    const article = refs.law(r.lawId)?.articles.find((a) => a.number === r.article);
    return (
      <>
        <strong>{refs.lawTitle(r.lawId)}</strong>
        {' — '}
        {t('catalogueTerms.lawArticle', { n: format.digits(r.article) })}
        {article ? <span className="facts__help">{article.text}</span> : null}
      </>
    );
  };
  const others = Object.keys(card.content).filter((k) => !SHOWN.has(k));
  const sid = (s: string) => `card-section-${s}`;

  return (
    <div className="stack card-content">
      <Section id={sid('basics')} title={t('catalogueReview.sections.basics')}>
        <dl className="facts">
          <Row label={f('title')}>{text(c.title)}</Row>
          <Row label={f('titleEn')}>{text(c.titleEn)}</Row>
          <Row label={f('description')}>{text(c.description)}</Row>
          <Row label={f('subServices')}>
            {c.subServices && c.subServices.length > 0 ? (
              <ul>
                {c.subServices.map((s, i) => (
                  <li key={i}>
                    {s.title}
                    {s.description ? <span className="facts__help">{s.description}</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              t('catalogueReview.fields.none')
            )}
          </Row>
        </dl>
      </Section>

      <Section id={sid('providers')} title={t('catalogueTerms.section.agencies')}>
        <dl className="facts facts--grid">
          <Row label={f('agency')}>{refs.agencyName(card.agencyId)}</Row>
          <Row label={f('parentAgency')}>
            {card.parentAgencyId ? refs.agencyName(card.parentAgencyId) : t('catalogueReview.fields.none')}
          </Row>
          <Row label={f('collaboratingAgencyIds')}>
            {c.collaboratingAgencyIds?.length
              ? c.collaboratingAgencyIds.map(refs.agencyName).join('، ')
              : t('catalogueReview.fields.none')}
          </Row>
          <Row label={f('orgUnitIds')}>
            {c.orgUnitIds?.length ? c.orgUnitIds.map(refs.unitName).join('، ') : t('catalogueReview.fields.none')}
          </Row>
        </dl>
      </Section>

      <Section id={sid('classification')} title={t('catalogueReview.sections.classification')}>
        <dl className="facts facts--grid">
          <Row label={f('recipients')}>{list('recipient', c.recipients)}</Row>
          <Row label={f('nature')}>{c.nature ? enumLabel('nature', c.nature, t) : notGiven}</Row>
          <Row label={f('level')}>{c.level ? enumLabel('level', c.level, t) : notGiven}</Row>
          <Row label={f('startMode')}>{c.startMode ? enumLabel('startMode', c.startMode, t) : notGiven}</Row>
          <Row label={f('lifeEvents')}>{list('lifeEvent', c.lifeEvents)}</Row>
          {c.classification?.categoryId ? (
            <Row label={f('categoryId')}>{refs.categoryName(c.classification.categoryId)}</Row>
          ) : null}
          {c.classification?.layerId ? (
            <Row label={f('layerId')}>{refs.layerName(c.classification.layerId)}</Row>
          ) : null}
        </dl>
      </Section>

      <Section id={sid('legal')} title={t('catalogueTerms.section.legal')}>
        {c.legalBasis?.length ? (
          <ul className="stack card-content__list">
            {c.legalBasis.map((r, i) => (
              <li key={i}>{lawRef(r)}</li>
            ))}
          </ul>
        ) : (
          <p>{notGiven}</p>
        )}
      </Section>

      <Section id={sid('documents')} title={t('catalogueTerms.section.documents')}>
        {c.documents === undefined ? (
          <p>{notGiven}</p>
        ) : c.documents.length === 0 ? (
          <p>{t('catalogueTerms.noDocuments')}</p>
        ) : (
          <ol className="stack card-content__list">
            {c.documents.map((d, i) => (
              <li key={i}>
                <strong>{d.title ?? t('catalogueReview.fields.notGiven')}</strong>
                <dl className="card-content__inline">
                  <Row label={f('mandatory')}>{yesNo(d.mandatory)}</Row>
                  {d.evidenceType ? <Row label={f('evidenceType')}>{d.evidenceType}</Row> : null}
                  <Row label={f('byInquiry')}>{yesNo(d.byInquiry ?? false)}</Row>
                  {d.providerAgencyId ? (
                    <Row label={f('providerAgencyId')}>{refs.agencyName(d.providerAgencyId)}</Row>
                  ) : null}
                </dl>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section id={sid('inquiries')} title={t('catalogueTerms.section.inquiries')}>
        {c.inquiries === undefined ? (
          <p>{notGiven}</p>
        ) : c.inquiries.length === 0 ? (
          <p>{t('catalogueReview.fields.noInquiries')}</p>
        ) : (
          <ol className="stack card-content__list">
            {c.inquiries.map((q, i) => (
              <li key={i}>
                <dl className="card-content__inline">
                  <Row label={f('agencyId')}>{q.agencyId ? refs.agencyName(q.agencyId) : notGiven}</Row>
                  <Row label={f('data')}>{text(q.data)}</Row>
                  <Row label={f('mode')}>{q.mode ? enumLabel('inquiryMode', q.mode, t) : notGiven}</Row>
                </dl>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section id={sid('identity')} title={t('catalogueTerms.section.identity')}>
        <dl className="facts facts--grid">
          <Row label={f('personTypes')}>{list('personType', c.identity?.personTypes)}</Row>
          <Row label={f('assuranceLevel')}>
            {c.identity?.assuranceLevel ? enumLabel('assurance', c.identity.assuranceLevel, t) : notGiven}
          </Row>
        </dl>
      </Section>

      <Section id={sid('fees')} title={t('catalogueTerms.section.fees')}>
        {c.fees === undefined ? (
          <p>{notGiven}</p>
        ) : c.fees.length === 0 ? (
          <p>{t('catalogueReview.fields.free')}</p>
        ) : (
          <ol className="stack card-content__list">
            {c.fees.map((fee, i) => (
              <li key={i}>
                <strong>{fee.title ?? t('catalogueReview.fields.notGiven')}</strong>
                <dl className="card-content__inline">
                  <Row label={f('amountRials')}>
                    {fee.amountRials === undefined
                      ? notGiven
                      : t('catalogueTerms.rials', { amount: format.number(fee.amountRials) })}
                  </Row>
                  <Row label={f('legalBasis')}>
                    {fee.legalBasis?.length ? (
                      <ul>
                        {fee.legalBasis.map((r, j) => (
                          <li key={j}>{lawRef(r)}</li>
                        ))}
                      </ul>
                    ) : (
                      notGiven
                    )}
                  </Row>
                  {fee.sheba ? (
                    <Row label={f('sheba')}>
                      <bdi dir="ltr">{fee.sheba}</bdi>
                    </Row>
                  ) : null}
                </dl>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section id={sid('visits')} title={t('catalogueTerms.section.visits')}>
        <dl className="facts facts--grid">
          <Row label={f('count')}>{num(c.inPersonVisits?.count)}</Row>
          {c.inPersonVisits?.reason ? <Row label={f('reason')}>{c.inPersonVisits.reason}</Row> : null}
        </dl>
      </Section>

      <Section id={sid('channels')} title={t('catalogueTerms.section.channels')}>
        <dl className="facts facts--grid">
          <Row label={f('information')}>{list('channel', c.channels?.information)}</Row>
          <Row label={f('request')}>{list('channel', c.channels?.request)}</Row>
          <Row label={f('delivery')}>{list('channel', c.channels?.delivery)}</Row>
          <Row label={f('eServiceUrl')}>
            {c.channels?.eServiceUrl ? (
              <a href={c.channels.eServiceUrl} dir="ltr" rel="noopener noreferrer" target="_blank">
                {c.channels.eServiceUrl}
              </a>
            ) : (
              t('catalogueReview.fields.none')
            )}
          </Row>
        </dl>
      </Section>

      <Section id={sid('process')} title={t('catalogueTerms.section.process')}>
        <dl className="facts">
          <Row label={t('catalogueTerms.stage.start')}>{text(c.process?.start?.description)}</Row>
          <Row label={t('catalogueTerms.stage.production')}>{text(c.process?.production?.description)}</Row>
          <Row label={t('catalogueTerms.stage.delivery')}>{text(c.process?.delivery?.description)}</Row>
        </dl>
        <dl className="facts facts--grid">
          <Row label={f('legalDeadlineDays')}>{num(c.process?.legalDeadlineDays, true)}</Row>
          <Row label={f('normDays')}>{num(c.process?.normDays, true)}</Row>
          <Row label={f('extensionAllowed')}>{yesNo(c.process?.extensionAllowed)}</Row>
          {c.process?.extensionAllowed ? (
            <Row label={f('extensionTermDays')}>{num(c.process.extensionTermDays, true)}</Row>
          ) : null}
        </dl>
      </Section>

      <Section id={sid('complaint')} title={t('catalogueTerms.section.complaint')}>
        <p className="answers__value">{text(c.complaintRoute)}</p>
      </Section>

      <Section id={sid('maturity')} title={t('catalogueTerms.section.maturity')}>
        <dl className="facts facts--grid">
          <Row label={t('catalogueTerms.field.maturityLevel')}>
            {c.maturity?.level ? enumLabel('maturity', c.maturity.level, t) : notGiven}
          </Row>
          {c.maturity?.plannedDate ? (
            <Row label={f('plannedDate')}>{format.jalaliDay(c.maturity.plannedDate)}</Row>
          ) : null}
          {c.maturity?.reason ? <Row label={f('reason')}>{c.maturity.reason}</Row> : null}
          {c.maturity?.exemption ? (
            <Row label={f('exemption')}>
              {c.maturity.exemption.reference} — {format.jalaliDay(c.maturity.exemption.approvedOn)}
            </Row>
          ) : null}
        </dl>
      </Section>

      {c.offices?.length ? (
        <Section id={sid('offices')} title={t('catalogueTerms.section.offices')}>
          <ol className="stack card-content__list">
            {c.offices.map((o, i) => (
              <li key={i}>
                <strong>{o.name}</strong>
                <dl className="card-content__inline">
                  {o.province ? <Row label={f('province')}>{o.province}</Row> : null}
                  {o.address ? <Row label={f('address')}>{o.address}</Row> : null}
                  {o.hours ? <Row label={f('hours')}>{o.hours}</Row> : null}
                  {o.phone ? (
                    <Row label={f('phone')}>
                      <bdi dir="ltr">{format.digits(o.phone)}</bdi>
                    </Row>
                  ) : null}
                </dl>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      {others.length > 0 ? (
        <Section id={sid('other')} title={t('catalogueReview.sections.other')}>
          <dl className="facts">
            {others.map((k) => (
              <Row key={k} label={fieldLabel(k, t, format)}>
                {displayValue(k, card.content[k], t, format, refs)}
              </Row>
            ))}
          </dl>
        </Section>
      ) : null}
    </div>
  );
}
