// Over 450 lines: the catalogue's wire schemas (the card and its sections, lifecycle steps, search),
// declarations shared by the API and the web app rather than logic.
import { jalaliDateString, normalizeDisplay, parseJalali, toAsciiDigits, validateSheba } from '@dargah/persian';
import { z } from 'zod';
import { RowVersion } from './bounds';

/*
 * The service catalogue (سامانه مدیریت خدمات دولت): the laws register, agency missions and the
 * service identity card (شناسنامه خدمت) as a versioned document.
 *
 * Two levels of checking:
 *  - `ServiceCardContent` is the lenient draft schema: every field may be missing (a draft is saved
 *    as it grows), but whatever is present must be well formed (types, Sheba, Jalali dates, and
 *    the norm never above the legal deadline).
 *  - `validateCardForSubmission(content)` (card-required.ts) returns EVERY problem that keeps a card
 *    from being submitted, each at its field with a stable code (the API adds Persian and English text).
 */

// Field validators with stable codes ----------------------------------------------------------
const text = (max: number) => z.string().transform(normalizeDisplay).pipe(z.string().max(max));
const title = text(300).pipe(z.string().min(2));

/** A Sheba (Iranian IBAN), checked with the ISO 13616 MOD 97-10 rule; stored uppercase without spaces. */
export const Sheba = z.string().transform((s, ctx) => {
  const r = validateSheba(s);
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', params: { code: 'SHEBA_INVALID' }, message: 'SHEBA_INVALID' });
  return z.NEVER;
});

/** A Jalali date `YYYY/MM/DD` (Persian digits and `-` or `.` accepted), normalised to ASCII `YYYY/MM/DD`. */
export const JalaliDateInput = z.string().transform((s, ctx) => {
  const r = parseJalali(s);
  if (r.ok) return jalaliDateString(r.value);
  ctx.addIssue({ code: 'custom', params: { code: 'JALALI_DATE_INVALID' }, message: 'JALALI_DATE_INVALID' });
  return z.NEVER;
});

// Response schemas are plain (no transforms): the type provider serialises through them.

// Laws register -------------------------------------------------------------------------------
/** قانون، آیین‌نامه، اساسنامه، بخشنامه، مصوبه، دستورالعمل، سایر */
/** A service id as people type it: Persian, Arabic-Indic or ASCII digits; spaces, ZWNJ and dashes dropped. */
export const normalizeServiceIdInput = (s: string): string =>
  toAsciiDigits(s).replace(/[\s\u200c\u2010-\u2015\u2212-]/g, '');
/** An 11-digit service id as typed (see normalizeServiceIdInput); its check digit is the server's to verify. */
export const ServiceIdInput = z
  .string()
  .max(40)
  .transform(normalizeServiceIdInput)
  .pipe(z.string().regex(/^\d{11}$/));

export const LAW_KINDS = ['law', 'regulation', 'bylaw', 'circular', 'resolution', 'directive', 'other'] as const;
export const LawKind = z.enum(LAW_KINDS);
export type LawKind = z.infer<typeof LawKind>;

export const LawArticle = z
  .object({ number: text(50).pipe(z.string().min(1)), text: text(20_000).pipe(z.string().min(1)) })
  .strict();
export type LawArticle = z.infer<typeof LawArticle>;

const LawFields = z.object({
  title,
  kind: LawKind,
  /** مرجع تصویب: مجلس شورای اسلامی، هیئت وزیران، … */
  approvingBody: text(200).pipe(z.string().min(2)),
  number: text(100).optional(),
  /** Jalali approval date; stored as an ISO date. */
  approvedOn: JalaliDateInput,
  link: z.url().max(2000).optional(),
  articles: z.array(LawArticle).max(2000).default([]),
});
const uniqueArticles = (l: { articles: LawArticle[] }, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  l.articles.forEach((a, i) => {
    if (seen.has(a.number))
      ctx.addIssue({
        code: 'custom',
        path: ['articles', i, 'number'],
        params: { code: 'DUPLICATE_ARTICLE' },
        message: 'DUPLICATE_ARTICLE',
      });
    seen.add(a.number);
  });
};
export const LawInput = LawFields.strict().superRefine(uniqueArticles);
export type LawInput = z.infer<typeof LawInput>;
/** The whole law again, at the version read (409 CONFLICT when stale; at most the integer column's maximum). */
export const LawUpdate = LawFields.extend({ version: RowVersion })
  .strict()
  .superRefine(uniqueArticles);
export type LawUpdate = z.infer<typeof LawUpdate>;

export const Law = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: LawKind,
  approvingBody: z.string(),
  number: z.string().nullable(),
  /** ISO date (YYYY-MM-DD). */
  approvedOn: z.string(),
  /** The same day as a Jalali YYYY/MM/DD. */
  approvedOnJalali: z.string(),
  link: z.string().nullable(),
  articles: z.array(z.object({ number: z.string(), text: z.string() })),
  version: z.number().int(),
});
export type Law = z.infer<typeof Law>;

/** A reference to one article of a registered law. */
export const LawArticleRef = z.object({ lawId: z.uuid(), article: text(50).pipe(z.string().min(1)) }).strict();
export type LawArticleRef = z.infer<typeof LawArticleRef>;

export const MissionInput = z
  .object({ title, description: text(5000).optional(), legalBasis: z.array(LawArticleRef).min(1).max(100) })
  .strict();
export type MissionInput = z.infer<typeof MissionInput>;
export const MissionUpdate = MissionInput.extend({ version: RowVersion }).strict();
export type MissionUpdate = z.infer<typeof MissionUpdate>;
export const Mission = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  legalBasis: z.array(z.object({ lawId: z.uuid(), article: z.string() })),
  version: z.number().int(),
});
export type Mission = z.infer<typeof Mission>;

// The service identity card -------------------------------------------------------------------
export const CARD_RECIPIENTS = ['G2C', 'G2B', 'G2G'] as const;
/** حاکمیتی | حمایتی | تصدی‌گری */
export const SERVICE_NATURES = ['sovereign', 'supportive', 'enterprise'] as const;
/** ملی | استانی | شهرستانی | روستایی */
export const SERVICE_LEVELS = ['national', 'provincial', 'county', 'village'] as const;
export const LIFE_EVENTS = [
  'birth',
  'education',
  'health',
  'military_service',
  'employment',
  'marriage',
  'housing',
  'business',
  'tax',
  'social_security',
  'insurance',
  'vehicle',
  'travel',
  'retirement',
  'death',
  'other',
] as const;
/** به درخواست | زمان مشخص | وقوع رویداد | تشخیص دستگاه */
export const START_MODES = ['on_request', 'scheduled', 'event', 'agency_initiative'] as const;
/** اینترنتی، تلفن همراه، پیامک، پیشخوان، پست، میز خدمت حضوری، مرکز تماس */
export const CHANNEL_KINDS = ['web', 'mobile_app', 'sms', 'counter', 'post', 'in_person', 'call_centre'] as const;
/** Channels that make a service reachable online: they need the e-service link. */
export const ELECTRONIC_CHANNELS: readonly (typeof CHANNEL_KINDS)[number][] = ['web', 'mobile_app'];
/** غیرالکترونیکی → اطلاع‌رسانی → تعاملی → تراکنشی → یکپارچه → هوشمند */
export const MATURITY_LEVELS = [
  'non_electronic',
  'informational',
  'interactive',
  'transactional',
  'integrated',
  'smart',
] as const;
/** Levels at which the service itself is not yet delivered electronically: they need a plan or an exemption. */
export const NOT_YET_ELECTRONIC: readonly (typeof MATURITY_LEVELS)[number][] = ['non_electronic', 'informational'];
export const PERSON_TYPES = ['real', 'legal'] as const;
export const ASSURANCE_LEVELS = ['low', 'substantial', 'high'] as const;
export const INQUIRY_MODES = ['instant', 'process'] as const;

const days = z.number().int().min(0).max(3650);

const SubService = z.object({ title, description: text(5000).optional() }).strict();
const RequiredDocument = z
  .object({
    title: title.optional(),
    mandatory: z.boolean().optional(),
    /** The kind of evidence that satisfies the requirement (CPSV-AP EvidenceType), e.g. "گواهی پایان خدمت". */
    evidenceType: text(300).optional(),
    /** Another agency can supply it by inquiry instead of the citizen. */
    byInquiry: z.boolean().optional(),
    providerAgencyId: z.uuid().optional(),
  })
  .strict();
const Inquiry = z
  .object({ agencyId: z.uuid().optional(), data: text(1000).optional(), mode: z.enum(INQUIRY_MODES).optional() })
  .strict();
const Fee = z
  .object({
    title: text(300).optional(),
    amountRials: z.number().int().min(0).max(1e15).optional(),
    legalBasis: z.array(LawArticleRef).max(20).optional(),
    sheba: Sheba.optional(),
  })
  .strict();
const Stage = z.object({ description: text(5000).optional(), unitIds: z.array(z.uuid()).max(50).optional() }).strict();
const ChannelKinds = z.array(z.enum(CHANNEL_KINDS)).max(CHANNEL_KINDS.length);

export const ServiceCardContent = z
  .object({
    title: title.optional(),
    /** The title in English, where the agency gives one (the catalogue shows and searches it in English). */
    titleEn: title.optional(),
    subServices: z.array(SubService).max(200).optional(),
    description: text(10_000).optional(),
    collaboratingAgencyIds: z.array(z.uuid()).max(100).optional(),
    orgUnitIds: z.array(z.uuid()).max(100).optional(),
    recipients: z.array(z.enum(CARD_RECIPIENTS)).max(3).optional(),
    nature: z.enum(SERVICE_NATURES).optional(),
    level: z.enum(SERVICE_LEVELS).optional(),
    lifeEvents: z.array(z.enum(LIFE_EVENTS)).max(LIFE_EVENTS.length).optional(),
    startMode: z.enum(START_MODES).optional(),
    legalBasis: z.array(LawArticleRef).max(100).optional(),
    /** Empty: the service needs no documents. */
    documents: z.array(RequiredDocument).max(200).optional(),
    /** Empty: the service makes no inquiries. */
    inquiries: z.array(Inquiry).max(200).optional(),
    identity: z
      .object({
        personTypes: z.array(z.enum(PERSON_TYPES)).max(2).optional(),
        assuranceLevel: z.enum(ASSURANCE_LEVELS).optional(),
      })
      .strict()
      .optional(),
    /** Empty: the service is free. */
    fees: z.array(Fee).max(50).optional(),
    inPersonVisits: z
      .object({ count: z.number().int().min(0).max(100).optional(), reason: text(2000).optional() })
      .strict()
      .optional(),
    channels: z
      .object({
        information: ChannelKinds.optional(),
        request: ChannelKinds.optional(),
        delivery: ChannelKinds.optional(),
        eServiceUrl: z.url().max(2000).optional(),
      })
      .strict()
      .optional(),
    process: z
      .object({
        start: Stage.optional(),
        production: Stage.optional(),
        delivery: Stage.optional(),
        /** The deadline the law sets, in working days. */
        legalDeadlineDays: days.optional(),
        /** The service norm the agency commits to, in working days: never above the legal deadline. */
        normDays: days.optional(),
        extensionAllowed: z.boolean().optional(),
        extensionTermDays: days.optional(),
      })
      .strict()
      .optional(),
    /** The service architecture: a category (of a macro domain) and a service layer (GET /catalogue/architecture). */
    classification: z.object({ categoryId: z.uuid().optional(), layerId: z.uuid().optional() }).strict().optional(),
    complaintRoute: text(2000).optional(),
    /** Where the service is given in person: offices with their address, opening hours and phone. */
    offices: z
      .array(
        z
          .object({
            name: title,
            address: text(1000).optional(),
            hours: text(500).optional(),
            phone: text(50).optional(),
            province: text(100).optional(),
          })
          .strict(),
      )
      .max(500)
      .optional(),
    maturity: z
      .object({
        level: z.enum(MATURITY_LEVELS).optional(),
        /** For a service not yet electronic: when it will be (Jalali) and why not yet. */
        plannedDate: JalaliDateInput.optional(),
        reason: text(2000).optional(),
        /** Or an approved exemption from being electronic. */
        exemption: z
          .object({ reference: text(200).pipe(z.string().min(1)), approvedOn: JalaliDateInput })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    // Consistency rules hold for drafts too: a wrong value is refused as soon as it is entered.
    for (const p of consistencyProblems(c))
      ctx.addIssue({
        code: 'custom',
        path: p.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
        params: { code: p.code },
        message: p.code,
      });
  });
export type ServiceCardContent = z.infer<typeof ServiceCardContent>;

/** A problem that keeps a card from being submitted: the dotted path of its field and a stable code. */
export interface CardProblem {
  path: string;
  code: string;
}

/** Rules between fields, checked on drafts and on submission alike. */
export function consistencyProblems(c: ServiceCardContent): CardProblem[] {
  const out: CardProblem[] = [];
  const p = c.process;
  if (p?.normDays !== undefined && p.legalDeadlineDays !== undefined && p.normDays > p.legalDeadlineDays) {
    out.push({ path: 'process.normDays', code: 'NORM_EXCEEDS_DEADLINE' });
  }
  if (p?.extensionAllowed === false && p.extensionTermDays !== undefined && p.extensionTermDays > 0) {
    out.push({ path: 'process.extensionTermDays', code: 'EXTENSION_NOT_ALLOWED' });
  }
  return out;
}

// Card lifecycle and views -------------------------------------------------------------------
export const CARD_STATUSES = [
  'draft',
  'parent_review',
  'central_review',
  'returned',
  'approved',
  'rejected',
  'renewal_review',
] as const;
export const CardStatus = z.enum(CARD_STATUSES);
export type CardStatus = z.infer<typeof CardStatus>;
export const CARD_ACTIONS = ['edit', 'submit', 'forward', 'return', 'approve', 'reject', 'change', 'renew'] as const;
export const CardAction = z.enum(CARD_ACTIONS);
export type CardAction = z.infer<typeof CardAction>;

export const CreateCard = z.object({ agencyId: z.uuid(), content: ServiceCardContent }).strict();
export type CreateCard = z.infer<typeof CreateCard>;
export const UpdateCard = z.object({ version: RowVersion, content: ServiceCardContent }).strict();
export type UpdateCard = z.infer<typeof UpdateCard>;
/**
 * Why an approved card changes: the law or regulation that changed, its articles, and the reason.
 * Required when submitting a change request (CHANGE_BASIS_REQUIRED at body.changeBasis).
 */
export const ChangeBasis = z
  .object({
    lawId: z.uuid(),
    articles: z
      .array(text(50).pipe(z.string().min(1)))
      .min(1)
      .max(100),
    reason: text(5000).pipe(z.string().min(2)),
  })
  .strict();
export type ChangeBasis = z.infer<typeof ChangeBasis>;
/**
 * The agency head's approval of a change request: the staff member who approved (an administrator
 * of the card's agency), when, and the letter or reference number. HEAD_APPROVAL_REQUIRED at body.headApproval.
 */
export const HeadApproval = z
  .object({
    approvedBy: z.uuid(),
    approvedAt: z.iso.datetime({ offset: true }),
    reference: text(200).pipe(z.string().min(1)),
  })
  .strict();
export type HeadApproval = z.infer<typeof HeadApproval>;

/**
 * A review or submit step at the version read; `return` and `reject` need a comment. Submitting
 * a change request to an approved card also needs `changeBasis` and `headApproval`.
 */
export const CardStep = z
  .object({
    version: RowVersion,
    comment: text(5000).optional(),
    changeBasis: ChangeBasis.optional(),
    headApproval: HeadApproval.optional(),
  })
  .strict();
export type CardStep = z.infer<typeof CardStep>;
/** Open a change request on an approved card, at the version read. */
export const OpenChangeRequest = z
  .object({ version: RowVersion, comment: text(5000).optional() })
  .strict();
export type OpenChangeRequest = z.infer<typeof OpenChangeRequest>;
/** Renew an approved card: confirm it unchanged (central review of the renewal) or change it (a change request). */
export const RenewCard = z
  .object({ version: RowVersion, mode: z.enum(['confirm', 'change']), comment: text(5000).optional() })
  .strict();
export type RenewCard = z.infer<typeof RenewCard>;

export const CardHistoryEntry = z.object({
  action: z.string(),
  at: z.iso.datetime(),
  /** staff, system, … (the system escalates overdue parent reviews). */
  actorType: z.string(),
  actorId: z.string().nullable(),
  /** The staff member who acted, by name; and whom they acted for under a delegation. */
  actorName: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  versionNo: z.number().int().nullable(),
  comment: z.string().nullable(),
});

export const ServiceCardView = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  /** The providing agency's parent (derived from the agency tree). */
  parentAgencyId: z.uuid().nullable(),
  status: CardStatus,
  /** The 11-digit service id (10 digits + a Damm check digit), once approved. */
  serviceId: z.string().nullable(),
  currentVersion: z.number().int(),
  frozen: z.boolean(),
  content: z.record(z.string(), z.unknown()),
  submittedAt: z.iso.datetime().nullable(),
  reviewDueAt: z.iso.datetime().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  /** The version in force (what the public sees) while a change request or renewal is under way; null before first approval. */
  approvedVersion: z.number().int().nullable(),
  /** Past its expiry date and not yet renewed. */
  expired: z.boolean(),
  /** The change basis and head approval of the current version, when it is a change request. */
  changeBasis: z.object({ lawId: z.uuid(), articles: z.array(z.string()), reason: z.string() }).nullable(),
  headApproval: z.object({ approvedBy: z.uuid(), approvedAt: z.string(), reference: z.string() }).nullable(),
  lastComment: z.string().nullable(),
  version: z.number().int(),
  /** What the viewer may do now. */
  actions: z.array(CardAction),
  history: z.array(CardHistoryEntry),
});
export type ServiceCardView = z.infer<typeof ServiceCardView>;

export const ServiceCardSummary = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  title: z.string().nullable(),
  status: CardStatus,
  serviceId: z.string().nullable(),
  currentVersion: z.number().int(),
  submittedAt: z.iso.datetime().nullable(),
  reviewDueAt: z.iso.datetime().nullable(),
  overdue: z.boolean(),
  approvedVersion: z.number().int().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  /** Past its expiry date and not yet renewed. */
  expired: z.boolean(),
  version: z.number().int(),
});
export type ServiceCardSummary = z.infer<typeof ServiceCardSummary>;

export const CardChange = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type CardChange = z.infer<typeof CardChange>;
export const CardDiff = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(CardChange) });
export type CardDiff = z.infer<typeof CardDiff>;

/**
 * An in-app notice to an agency's administrators: an expiry reminder (60, 30, 7 days before), the
 * expiry itself, or a parent review whose week passed and that went on to central review (sent to
 * both the card's agency and the parent).
 */
export const CardNotification = z.object({
  id: z.uuid(),
  cardId: z.uuid(),
  agencyId: z.uuid(),
  kind: z.enum(['expiry_reminder', 'expired', 'review_escalated']),
  /** Days before expiry (0 for the expiry itself and for an escalation). */
  daysBefore: z.number().int(),
  /** The expiry a reminder is about; null for an escalation. */
  expiresAt: z.iso.datetime().nullable(),
  /** The missed due date of the parent review (escalations only). */
  reviewDueAt: z.iso.datetime().nullable(),
  title: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type CardNotification = z.infer<typeof CardNotification>;
