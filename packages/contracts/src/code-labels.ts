import type {
  CARD_RECIPIENTS,
  CHANNEL_KINDS,
  LIFE_EVENTS,
  MATURITY_LEVELS,
  SERVICE_LEVELS,
  SERVICE_NATURES,
  START_MODES,
} from './catalogue';

/*
 * The Persian and English label of every code of the card vocabularies: the one source for the web
 * app's words (features/catalogue/terms/messages.ts) and the API's SKOS concept schemes
 * (catalogue/cpsv-ap.vocabularies.ts), so a screen and the published vocabulary cannot drift apart.
 */

/** A label in Persian and in English. */
export type CodeLabel = readonly [fa: string, en: string];

/** Every code of `codes` must have its labels (a new code fails to compile until it has). */
type LabelsOf<C extends readonly string[]> = { readonly [K in C[number]]: CodeLabel };

export const CODE_LABELS: {
  channel: LabelsOf<typeof CHANNEL_KINDS>;
  recipient: LabelsOf<typeof CARD_RECIPIENTS>;
  lifeEvent: LabelsOf<typeof LIFE_EVENTS>;
  maturity: LabelsOf<typeof MATURITY_LEVELS>;
  nature: LabelsOf<typeof SERVICE_NATURES>;
  level: LabelsOf<typeof SERVICE_LEVELS>;
  startMode: LabelsOf<typeof START_MODES>;
} = {
  channel: {
    web: ['اینترنتی (وب)', 'Web'],
    mobile_app: ['تلفن همراه', 'Mobile app'],
    sms: ['پیامک', 'SMS'],
    counter: ['دفتر پیشخوان', 'Service counter (pishkhan)'],
    post: ['پست', 'Post'],
    in_person: ['میز خدمت حضوری', 'In-person desk'],
    call_centre: ['مرکز تماس', 'Call centre'],
  },
  recipient: {
    G2C: ['شهروندان', 'Citizens'],
    G2B: ['کسب‌وکارها', 'Businesses'],
    G2G: ['دستگاه‌های دولتی', 'Government agencies'],
  },
  lifeEvent: {
    birth: ['تولد', 'Birth'],
    education: ['تحصیل', 'Education'],
    health: ['سلامت', 'Health'],
    military_service: ['خدمت وظیفه', 'Military service'],
    employment: ['اشتغال', 'Employment'],
    marriage: ['ازدواج', 'Marriage'],
    housing: ['مسکن', 'Housing'],
    business: ['کسب‌وکار', 'Business'],
    tax: ['مالیات', 'Tax'],
    social_security: ['تأمین اجتماعی', 'Social security'],
    insurance: ['بیمه', 'Insurance'],
    vehicle: ['خودرو', 'Vehicle'],
    travel: ['سفر', 'Travel'],
    retirement: ['بازنشستگی', 'Retirement'],
    death: ['فوت', 'Death'],
    other: ['سایر', 'Other'],
  },
  maturity: {
    non_electronic: ['غیرالکترونیکی', 'Non-electronic'],
    informational: ['اطلاع‌رسانی', 'Informational'],
    interactive: ['تعاملی', 'Interactive'],
    transactional: ['تراکنشی', 'Transactional'],
    integrated: ['یکپارچه', 'Integrated'],
    smart: ['هوشمند', 'Smart'],
  },
  nature: {
    sovereign: ['حاکمیتی', 'Sovereign'],
    supportive: ['حمایتی', 'Supportive'],
    enterprise: ['تصدی‌گری', 'Enterprise'],
  },
  level: {
    national: ['ملی', 'National'],
    provincial: ['استانی', 'Provincial'],
    county: ['شهرستانی', 'County'],
    village: ['روستایی', 'Village'],
  },
  startMode: {
    on_request: ['به درخواست متقاضی', 'On request'],
    scheduled: ['در زمان مشخص', 'At a set time'],
    event: ['با وقوع رویداد', 'On an event'],
    agency_initiative: ['به تشخیص دستگاه', "At the agency's initiative"],
  },
};

/** One language's words of a code list, by code (for message catalogues). */
export function labelsIn<C extends string>(labels: { readonly [K in C]: CodeLabel }, lang: 'fa' | 'en'): Record<C, string> {
  const i = lang === 'fa' ? 0 : 1;
  return Object.fromEntries(Object.entries<CodeLabel>(labels).map(([code, l]) => [code, l[i]])) as Record<C, string>;
}
