import {
  CARD_RECIPIENTS,
  CHANNEL_KINDS,
  CODE_LABELS,
  type CodeLabel,
  LIFE_EVENTS,
  MATURITY_LEVELS,
  SERVICE_LEVELS,
  SERVICE_NATURES,
  START_MODES,
} from '@dargah/contracts';

/*
 * Dargah's code lists, published as SKOS concept schemes (ADR 0011): the card vocabularies of
 * packages/contracts with a Persian and an English label per code, and the service architecture
 * (macro domains and their categories, kept in the database). The CPSV-AP export points at these
 * concepts (a channel's type, a service's audience, …) and describes the ones it uses; each scheme
 * is served at GET /api/v1/catalogue/vocabularies/{scheme}, each concept at {scheme IRI}#{code}.
 *
 * The labels are CODE_LABELS of @dargah/contracts, the words the web app shows for the same codes.
 */

/** A label in Persian and in English. */
export type Labels = CodeLabel;

export interface CodeList {
  title: Labels;
  definition: Labels;
  /** The codes in the card's order, each with its labels. */
  concepts: ReadonlyArray<readonly [code: string, labels: Labels]>;
}

/** Every code of `codes` must have labels (a new code in contracts fails to compile until it has). */
const codeList = <C extends string>(
  codes: readonly C[],
  list: { title: Labels; definition: Labels; labels: { readonly [K in C]: Labels } },
): CodeList => ({
  title: list.title,
  definition: list.definition,
  concepts: codes.map((c) => [c, list.labels[c]] as const),
});

/** The card vocabularies, by the slug of their scheme. */
export const CODE_LISTS = {
  'channel-types': codeList(CHANNEL_KINDS, {
    title: ['مجاری ارائهٔ خدمت', 'Channel types'],
    definition: [
      'راه‌هایی که خدمت از آن‌ها اطلاع‌رسانی، درخواست یا تحویل می‌شود.',
      'The ways through which a service is announced, requested or delivered.',
    ],
    labels: CODE_LABELS.channel,
  }),
  recipients: codeList(CARD_RECIPIENTS, {
    title: ['گیرندگان خدمت', 'Service recipients'],
    definition: [
      'کسانی که خدمت برای آنان است: شهروندان، کسب‌وکارها یا دستگاه‌های دولتی.',
      'Whom a service is for: citizens, businesses or government agencies.',
    ],
    labels: CODE_LABELS.recipient,
  }),
  'life-events': codeList(LIFE_EVENTS, {
    title: ['رویدادهای زندگی', 'Life events'],
    definition: [
      'رویدادهایی از زندگی افراد و کسب‌وکارها که خدمات مرتبط را کنار هم می‌آورند.',
      'Events in the life of a person or a business that bring related services together.',
    ],
    labels: CODE_LABELS.lifeEvent,
  }),
  'maturity-levels': codeList(MATURITY_LEVELS, {
    title: ['سطوح بلوغ الکترونیکی', 'Electronic maturity levels'],
    definition: [
      'تا چه اندازه خدمت به‌صورت الکترونیکی ارائه می‌شود، از غیرالکترونیکی تا هوشمند.',
      'How far a service is delivered electronically, from non-electronic to smart.',
    ],
    labels: CODE_LABELS.maturity,
  }),
  'service-natures': codeList(SERVICE_NATURES, {
    title: ['ماهیت خدمت', 'Service natures'],
    definition: ['خدمت حاکمیتی، حمایتی یا تصدی‌گری.', 'Whether a service is sovereign, supportive or enterprise.'],
    labels: CODE_LABELS.nature,
  }),
  'service-levels': codeList(SERVICE_LEVELS, {
    title: ['سطوح ارائهٔ خدمت', 'Service levels'],
    definition: ['سطحی از کشور که خدمت در آن ارائه می‌شود.', 'The level of the country at which a service is given.'],
    labels: CODE_LABELS.level,
  }),
  'start-modes': codeList(START_MODES, {
    title: ['نحوهٔ آغاز خدمت', 'How services start'],
    definition: ['آنچه ارائهٔ خدمت را آغاز می‌کند.', 'What sets the delivery of a service going.'],
    labels: CODE_LABELS.startMode,
  }),
} satisfies Record<string, CodeList>;

export type CodeListSlug = keyof typeof CODE_LISTS;

/** The scheme of the service architecture: macro domains (top concepts) and their categories. */
export const ARCHITECTURE_SCHEME = 'service-architecture';
export const ARCHITECTURE_LABELS: Pick<CodeList, 'title' | 'definition'> = {
  title: ['معماری خدمات', 'Service architecture'],
  definition: [
    'کلان‌حوزه‌های خدمات دولت و دسته‌های هر کلان‌حوزه.',
    'The macro domains of government services and the categories of each.',
  ],
};

/** Every published scheme: the card vocabularies, then the service architecture. */
export const SCHEME_SLUGS: readonly string[] = [...Object.keys(CODE_LISTS), ARCHITECTURE_SCHEME];

export const isCodeList = (slug: string): slug is CodeListSlug => Object.hasOwn(CODE_LISTS, slug);

/** The labels of a code of a card vocabulary (undefined for a code the list does not have). */
export function codeLabels(slug: CodeListSlug, code: string): Labels | undefined {
  return CODE_LISTS[slug].concepts.find(([c]) => c === code)?.[1];
}

/**
 * Concepts of the EU Publications Office authority tables the export uses: the country (a service's
 * and a national agency's dct:spatial) and the currency of costs. CPSV-AP 3.2 asks for a
 * dct:Location (and, for an agency, an administrative territorial unit) and a skos:Concept, so the
 * export describes them with these types and labels.
 */
export const AUTHORITY = {
  iran: {
    iri: 'http://publications.europa.eu/resource/authority/country/IRN',
    scheme: 'http://publications.europa.eu/resource/authority/country',
    notation: 'IRN',
    labels: ['ایران', 'Iran'] as Labels,
  },
  rial: {
    iri: 'http://publications.europa.eu/resource/authority/currency/IRR',
    scheme: 'http://publications.europa.eu/resource/authority/currency',
    notation: 'IRR',
    labels: ['ریال ایران', 'Iranian rial'] as Labels,
  },
} as const;
