import type { Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
// Like the other catalogue seeds, this one writes through the module's repository.
import * as architecture from '../../modules/catalogue/architecture.repository';
import type { CatalogueSeed } from '.';
import { seedWho } from './laws';

/*
 * The service architecture of the demo: macro domains (کلان‌حوزه‌ها) with a few categories each, and
 * the service layers. Category ids go in `s.categoryIds` under the stable key `<domain>.<category>`
 * (the codes below), for the cards seed to classify its cards:
 *
 *   health.insurance, health.licensing, health.public-health
 *   education.schools, education.higher-education, education.skills
 *   business.licences, business.company-registration, business.employment, business.trade
 *   welfare.pensions, welfare.support, welfare.insurance
 *   housing.building-permits, housing.property-registration, housing.land
 *   transport.driving, transport.vehicles, transport.freight
 *   civil.civil-registration, civil.identity-documents, civil.legal-affairs
 *   agriculture.farming-licences, agriculture.livestock
 *
 * Layer ids are under `layer.<code>`: layer.national, layer.shared, layer.specific, layer.local.
 */

interface Term {
  code: string;
  titleFa: string;
  titleEn: string;
  description?: string;
}

const DOMAINS: Array<Term & { categories: Term[] }> = [
  {
    code: 'health',
    titleFa: 'سلامت',
    titleEn: 'Health',
    description: 'بیمهٔ سلامت، درمان، بهداشت عمومی و مجوزهای حرفه‌های پزشکی.',
    categories: [
      { code: 'insurance', titleFa: 'بیمهٔ سلامت', titleEn: 'Health insurance' },
      { code: 'licensing', titleFa: 'پروانه‌های پزشکی و دارویی', titleEn: 'Medical and pharmacy licences' },
      { code: 'public-health', titleFa: 'بهداشت عمومی', titleEn: 'Public health' },
    ],
  },
  {
    code: 'education',
    titleFa: 'آموزش',
    titleEn: 'Education',
    categories: [
      { code: 'schools', titleFa: 'آموزش عمومی و مدارس', titleEn: 'Schools' },
      { code: 'higher-education', titleFa: 'آموزش عالی', titleEn: 'Higher education' },
      { code: 'skills', titleFa: 'آموزش فنی و حرفه‌ای', titleEn: 'Technical and vocational training' },
    ],
  },
  {
    code: 'business',
    titleFa: 'کسب‌وکار و اشتغال',
    titleEn: 'Business and employment',
    description: 'مجوزهای کسب‌وکار، ثبت شرکت‌ها، اشتغال و تجارت.',
    categories: [
      { code: 'licences', titleFa: 'مجوزهای کسب‌وکار', titleEn: 'Business licences' },
      { code: 'company-registration', titleFa: 'ثبت شرکت‌ها و مؤسسات', titleEn: 'Company registration' },
      { code: 'employment', titleFa: 'کار و اشتغال', titleEn: 'Labour and employment' },
      { code: 'trade', titleFa: 'بازرگانی و گمرک', titleEn: 'Trade and customs' },
    ],
  },
  {
    code: 'welfare',
    titleFa: 'رفاه و تأمین اجتماعی',
    titleEn: 'Welfare and social security',
    categories: [
      { code: 'pensions', titleFa: 'بازنشستگی و مستمری', titleEn: 'Pensions' },
      { code: 'support', titleFa: 'حمایت‌های اجتماعی', titleEn: 'Social support' },
      { code: 'insurance', titleFa: 'بیمهٔ تأمین اجتماعی', titleEn: 'Social insurance' },
    ],
  },
  {
    code: 'housing',
    titleFa: 'مسکن و شهرسازی',
    titleEn: 'Housing and urban development',
    categories: [
      { code: 'building-permits', titleFa: 'پروانهٔ ساختمان', titleEn: 'Building permits' },
      { code: 'property-registration', titleFa: 'ثبت املاک و اسناد', titleEn: 'Property and deeds registration' },
      { code: 'land', titleFa: 'زمین و مسکن', titleEn: 'Land and housing' },
    ],
  },
  {
    code: 'transport',
    titleFa: 'حمل‌ونقل',
    titleEn: 'Transport',
    categories: [
      { code: 'driving', titleFa: 'گواهینامهٔ رانندگی', titleEn: 'Driving licences' },
      { code: 'vehicles', titleFa: 'خودرو و پلاک', titleEn: 'Vehicles and plates' },
      { code: 'freight', titleFa: 'حمل بار و مسافر', titleEn: 'Freight and passenger transport' },
    ],
  },
  {
    code: 'civil',
    titleFa: 'ثبت احوال و امور حقوقی',
    titleEn: 'Civil registration and legal affairs',
    categories: [
      { code: 'civil-registration', titleFa: 'ثبت ولادت، ازدواج و وفات', titleEn: 'Births, marriages and deaths' },
      { code: 'identity-documents', titleFa: 'مدارک هویتی', titleEn: 'Identity documents' },
      { code: 'legal-affairs', titleFa: 'خدمات قضایی و حقوقی', titleEn: 'Judicial and legal services' },
    ],
  },
  {
    code: 'agriculture',
    titleFa: 'کشاورزی و منابع طبیعی',
    titleEn: 'Agriculture and natural resources',
    categories: [
      { code: 'farming-licences', titleFa: 'مجوزهای کشاورزی', titleEn: 'Farming licences' },
      { code: 'livestock', titleFa: 'دام و دامپزشکی', titleEn: 'Livestock and veterinary' },
    ],
  },
];

/** The layers of the government service architecture. */
const LAYERS: Term[] = [
  {
    code: 'national',
    titleFa: 'خدمات ملی (پنجرهٔ واحد)',
    titleEn: 'National (single window)',
    description: 'خدماتی که یکپارچه در سطح ملی و از پنجرهٔ واحد ارائه می‌شوند.',
  },
  {
    code: 'shared',
    titleFa: 'خدمات مشترک میان‌دستگاهی',
    titleEn: 'Shared inter-agency services',
    description: 'خدماتی که چند دستگاه با هم و با استعلام از یکدیگر ارائه می‌کنند.',
  },
  {
    code: 'specific',
    titleFa: 'خدمات اختصاصی دستگاه',
    titleEn: 'Agency-specific services',
  },
  {
    code: 'local',
    titleFa: 'خدمات استانی و محلی',
    titleEn: 'Provincial and local services',
  },
];

async function recorded(tx: Tx, s: CatalogueSeed, stream: string, id: string, details: Record<string, unknown>) {
  await recordChange(tx, seedWho(s.now), { stream, id, event: 'created', audit: `${stream}.create`, agencyId: null, details });
}

/** The demo taxonomy; fills `s.categoryIds` (see the keys above). */
export async function seedArchitecture(tx: Tx, s: CatalogueSeed): Promise<void> {
  const term = (t: Term, sort: number) => ({
    code: t.code,
    titleFa: t.titleFa,
    titleEn: t.titleEn,
    description: t.description ?? null,
    sort,
  });
  for (const [i, d] of DOMAINS.entries()) {
    const domain = await architecture.insertTerm(tx.db, 'service_domains', term(d, (i + 1) * 10), s.now);
    if (!domain) throw new Error(`demo domain ${d.code} already exists`);
    await recorded(tx, s, 'service_domain', domain.id, { code: d.code, title: d.titleFa });
    for (const [j, c] of d.categories.entries()) {
      const category = await architecture.insertCategory(tx.db, domain.id, term(c, (j + 1) * 10), s.now);
      if (!category) throw new Error(`demo category ${d.code}.${c.code} already exists`);
      s.categoryIds[`${d.code}.${c.code}`] = category.id;
      await recorded(tx, s, 'service_category', category.id, { domainId: domain.id, code: c.code, title: c.titleFa });
    }
  }
  for (const [i, l] of LAYERS.entries()) {
    const layer = await architecture.insertTerm(tx.db, 'service_layers', term(l, (i + 1) * 10), s.now);
    if (!layer) throw new Error(`demo layer ${l.code} already exists`);
    s.categoryIds[`layer.${l.code}`] = layer.id;
    await recorded(tx, s, 'service_layer', layer.id, { code: l.code, title: l.titleFa });
  }
}
