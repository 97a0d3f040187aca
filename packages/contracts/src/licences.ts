import { normalizeDisplay } from '@dargah/persian';
import { z } from 'zod';
import { RowVersion } from './bounds';
import { LawArticleRef } from './catalogue';

/*
 * The licence register (modelled on درگاه ملی مجوزها, the national licensing portal): what an agency
 * issues, on what legal basis, with which conditions, documents and inquiries, which licences must
 * be held first, how long issuing takes, how long the licence lasts, what it costs, how it is
 * renewed, amended and cancelled, and the one approved service id it is delivered under.
 */

const text = (max: number) => z.string().transform(normalizeDisplay).pipe(z.string().max(max));
const title = text(300).pipe(z.string().min(2));
const optionalText = (max: number) => text(max).nullable().optional();

export const LICENCE_STATUSES = ['active', 'cancelled'] as const;
export const LicenceStatus = z.enum(LICENCE_STATUSES);
export type LicenceStatus = z.infer<typeof LicenceStatus>;

export const LicenceDocument = z.object({ title, mandatory: z.boolean() }).strict();
export type LicenceDocument = z.infer<typeof LicenceDocument>;
/** An inquiry the issuing agency makes to another agency instead of asking the applicant. */
export const LicenceInquiry = z.object({ agencyId: z.uuid(), data: text(1000).pipe(z.string().min(2)) }).strict();
export type LicenceInquiry = z.infer<typeof LicenceInquiry>;

const LicenceFields = z.object({
  title,
  /** Kind or category as the portal names it: پروانه، مجوز تأسیس، گواهی، … */
  kind: text(200).pipe(z.string().min(2)),
  legalBasis: z.array(LawArticleRef).min(1).max(50),
  conditions: z
    .array(text(2000).pipe(z.string().min(2)))
    .max(100)
    .default([]),
  documents: z.array(LicenceDocument).max(100).default([]),
  inquiries: z.array(LicenceInquiry).max(100).default([]),
  prerequisiteIds: z.array(z.uuid()).max(50).default([]),
  /** Working days from a complete application to issue. */
  issueDays: z.number().int().min(0).max(3650),
  /** Months the licence is valid; null: permanent. */
  validityMonths: z.number().int().min(1).max(1200).nullable(),
  costRials: z.number().int().min(0).max(1e15),
  /** The legal basis of the cost: required when the licence is not free. */
  costLegalBasis: z.array(LawArticleRef).max(20).default([]),
  renewalTerms: optionalText(5000),
  amendmentTerms: optionalText(5000),
  cancellationConditions: text(5000).pipe(z.string().min(2)),
});

/** A new licence of `agencyId` (its agency administrators, or a platform administrator). */
export const LicenceInput = LicenceFields.extend({ agencyId: z.uuid() }).strict();
export type LicenceInput = z.infer<typeof LicenceInput>;
/** The whole licence again at the version read (409 CONFLICT when stale); the agency does not change. */
export const LicenceUpdate = LicenceFields.extend({ version: RowVersion }).strict();
export type LicenceUpdate = z.infer<typeof LicenceUpdate>;

/** Maps a licence to an approved service id (digits may be Persian; spaces and dashes are ignored). */
export const MapLicenceService = z
  .object({ serviceId: z.string().trim().min(1).max(30), version: RowVersion })
  .strict();
export type MapLicenceService = z.infer<typeof MapLicenceService>;
export const CancelLicence = z
  .object({ reason: text(2000).pipe(z.string().min(2)), version: RowVersion })
  .strict();
export type CancelLicence = z.infer<typeof CancelLicence>;

// Views (plain schemas: the type provider serialises through them) -------------------------------
const LegalRefView = z.object({ lawId: z.string(), article: z.string(), lawTitle: z.string().nullable() });

export const LicenceSummary = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  title: z.string(),
  kind: z.string(),
  status: LicenceStatus,
  serviceId: z.string().nullable(),
  serviceTitle: z.string().nullable(),
  issueDays: z.number().int(),
  validityMonths: z.number().int().nullable(),
  costRials: z.number(),
  version: z.number().int(),
});
export type LicenceSummary = z.infer<typeof LicenceSummary>;

export const Licence = LicenceSummary.extend({
  legalBasis: z.array(LegalRefView),
  conditions: z.array(z.string()),
  documents: z.array(z.object({ title: z.string(), mandatory: z.boolean() })),
  inquiries: z.array(z.object({ agencyId: z.string(), agencyName: z.string().nullable(), data: z.string() })),
  prerequisites: z.array(z.object({ id: z.string(), title: z.string(), status: LicenceStatus })),
  costLegalBasis: z.array(LegalRefView),
  renewalTerms: z.string().nullable(),
  amendmentTerms: z.string().nullable(),
  cancellationConditions: z.string(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the viewer may edit, map, unmap and cancel it. */
  editable: z.boolean(),
});
export type Licence = z.infer<typeof Licence>;

export const LicencePage = z.object({
  items: z.array(LicenceSummary),
  total: z.number().int(),
  /** The offset of the next page; null: this was the last. */
  nextOffset: z.number().int().nullable(),
});
export type LicencePage = z.infer<typeof LicencePage>;

/** Active licences without a service id: counts per agency and the list. */
export const UnmappedLicenceReport = z.object({
  total: z.number().int(),
  agencies: z.array(z.object({ agencyId: z.uuid(), agencyName: z.string(), count: z.number().int() })),
  items: z.array(LicenceSummary),
  nextOffset: z.number().int().nullable(),
});
export type UnmappedLicenceReport = z.infer<typeof UnmappedLicenceReport>;

/** What the public sees of an active licence. */
export const PublicLicence = Licence.omit({
  status: true,
  version: true,
  cancelledAt: true,
  cancelReason: true,
  editable: true,
  createdAt: true,
});
export type PublicLicence = z.infer<typeof PublicLicence>;
export const PublicLicencePage = z.object({
  items: z.array(LicenceSummary.omit({ status: true, version: true })),
  total: z.number().int(),
  nextOffset: z.number().int().nullable(),
});
export type PublicLicencePage = z.infer<typeof PublicLicencePage>;
