import { z } from 'zod';
import { RowVersion } from './bounds';
import { ServiceIdInput } from './catalogue';

/*
 * Delivery against the catalogue (issue 4 §8): the link of a desk service to its approved service
 * id, provincial offices' yearly delivery reports with the central review of rows without an id,
 * and the discrepancy report (delivered without an approved id, approved but never delivered,
 * expired but still delivered).
 */

/** An 11-digit catalogue service id (شناسه خدمت). */
/** A catalogue service id as typed (Persian or ASCII digits). */
export const CatalogueServiceId = ServiceIdInput;

/** PUT /services/:id/catalogue-link */
export const SetCatalogueLink = z
  .object({ serviceId: CatalogueServiceId.nullable(), version: RowVersion })
  .strict();
export type SetCatalogueLink = z.infer<typeof SetCatalogueLink>;

/** A desk service with its catalogue link, as its agency's administrators see it. */
export const CatalogueLink = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  title: z.string(),
  catalogueServiceId: z.string().nullable(),
  /** The linked card's approved title, its expiry and whether it has expired (null when unlinked). */
  card: z.object({ title: z.string(), expiresAt: z.iso.datetime().nullable(), expired: z.boolean() }).nullable(),
  version: z.number().int(),
});
export type CatalogueLink = z.infer<typeof CatalogueLink>;

// Yearly delivery reports ------------------------------------------------------------------------

export const DeliveryRowStatus = z.enum(['counted', 'pending', 'linked', 'card_required', 'dismissed']);
export type DeliveryRowStatus = z.infer<typeof DeliveryRowStatus>;

export const DeliveryRowInput = z
  .object({
    title: z.string().trim().min(2).max(300),
    deliveredCount: z.number().int().min(0).max(100_000_000),
    serviceId: CatalogueServiceId.nullish(),
  })
  .strict();
export type DeliveryRowInput = z.infer<typeof DeliveryRowInput>;

/** POST /catalogue/delivery-reports */
export const SubmitDeliveryReport = z
  .object({
    agencyId: z.uuid(),
    /** The Jalali year reported (e.g. 1403). */
    year: z.number().int().min(1300).max(1600),
    rows: z.array(DeliveryRowInput).min(1).max(2000),
  })
  .strict();
export type SubmitDeliveryReport = z.infer<typeof SubmitDeliveryReport>;

/** POST /catalogue/delivery-reports/:id/corrections */
export const CorrectDeliveryReport = z
  .object({ version: RowVersion, rows: z.array(DeliveryRowInput).min(1).max(2000) })
  .strict();
export type CorrectDeliveryReport = z.infer<typeof CorrectDeliveryReport>;

export const DeliveryRow = z.object({
  id: z.uuid(),
  rowNo: z.number().int(),
  title: z.string(),
  deliveredCount: z.number().int(),
  serviceId: z.string().nullable(),
  status: DeliveryRowStatus,
  resolvedServiceId: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
});
export type DeliveryRow = z.infer<typeof DeliveryRow>;

export const DeliveryReport = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  year: z.number().int(),
  revision: z.number().int(),
  replacesId: z.uuid().nullable(),
  current: z.boolean(),
  submittedAt: z.iso.datetime(),
  version: z.number().int(),
  rows: z.array(DeliveryRow),
});
export type DeliveryReport = z.infer<typeof DeliveryReport>;

export const DeliveryReportSummary = DeliveryReport.omit({ rows: true }).extend({
  rowCount: z.number().int(),
  pendingCount: z.number().int(),
});
export type DeliveryReportSummary = z.infer<typeof DeliveryReportSummary>;
export const DeliveryReportPage = z.object({ items: z.array(DeliveryReportSummary), total: z.number().int() });
export type DeliveryReportPage = z.infer<typeof DeliveryReportPage>;

/** A row without an id in the central review list. */
export const ReviewRow = DeliveryRow.extend({
  reportId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  province: z.string().nullable(),
  year: z.number().int(),
});
export type ReviewRow = z.infer<typeof ReviewRow>;
export const ReviewRowPage = z.object({ items: z.array(ReviewRow), total: z.number().int() });
export type ReviewRowPage = z.infer<typeof ReviewRowPage>;

/** POST /catalogue/delivery-report-rows/:id/resolve */
export const ResolveDeliveryRow = z.discriminatedUnion('resolution', [
  z
    .object({ resolution: z.literal('linked'), serviceId: CatalogueServiceId, version: RowVersion })
    .strict(),
  z
    .object({
      resolution: z.literal('card_required'),
      note: z.string().trim().max(1000).optional(),
      version: RowVersion,
    })
    .strict(),
  z
    .object({
      resolution: z.literal('dismissed'),
      reason: z.string().trim().min(3).max(1000),
      version: RowVersion,
    })
    .strict(),
]);
export type ResolveDeliveryRow = z.infer<typeof ResolveDeliveryRow>;

// The discrepancy report --------------------------------------------------------------------------

export const DiscrepancySection = z.enum(['withoutId', 'neverDelivered', 'expiredDelivered']);
export type DiscrepancySection = z.infer<typeof DiscrepancySection>;

/**
 * Why a delivery has no approved id: the desk service is not linked, or linked to an id whose card is
 * not in force; a provincial row awaits review, or the review found the agency must register a card.
 */
export const WithoutIdReason = z.enum(['no_link', 'not_approved', 'review_pending', 'card_required']);
export type WithoutIdReason = z.infer<typeof WithoutIdReason>;

export const DiscrepancyRow = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  province: z.string().nullable(),
  /** desk: requests at the service desk; provincial: a yearly report row; catalogue: an approved card. */
  source: z.enum(['desk', 'provincial', 'catalogue']),
  title: z.string(),
  /** The service id: the desk service's link, the card's id; null when there is none. */
  serviceId: z.string().nullable(),
  reason: WithoutIdReason.nullable(),
  deskServiceId: z.uuid().nullable(),
  reportRowId: z.uuid().nullable(),
  /** The Jalali year of a provincial row. */
  year: z.number().int().nullable(),
  /** Requests received (desk) or deliveries reported (provincial) in the period; 0 for never delivered. */
  count: z.number().int(),
  /** The last request received in the period (desk rows). */
  lastAt: z.iso.datetime().nullable(),
  /** The card's expiry (never delivered, expired but delivered). */
  expiresAt: z.iso.datetime().nullable(),
});
export type DiscrepancyRow = z.infer<typeof DiscrepancyRow>;

export const DiscrepancySectionPage = z.object({
  items: z.array(DiscrepancyRow),
  total: z.number().int(),
  offset: z.number().int(),
});
export type DiscrepancySectionPage = z.infer<typeof DiscrepancySectionPage>;

export const AgencyDiscrepancyTotals = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  withoutId: z.number().int(),
  neverDelivered: z.number().int(),
  expiredDelivered: z.number().int(),
});
export type AgencyDiscrepancyTotals = z.infer<typeof AgencyDiscrepancyTotals>;

export const DiscrepancyReport = z.object({
  /** The period as instants: from inclusive, to exclusive (the day after the last day asked). */
  period: z.object({ from: z.iso.datetime(), to: z.iso.datetime(), fromJalali: z.string(), toJalali: z.string() }),
  summary: z.object({
    withoutId: z.number().int(),
    neverDelivered: z.number().int(),
    expiredDelivered: z.number().int(),
  }),
  byAgency: z.array(AgencyDiscrepancyTotals),
  sections: z.object({
    withoutId: DiscrepancySectionPage,
    neverDelivered: DiscrepancySectionPage,
    expiredDelivered: DiscrepancySectionPage,
  }),
});
export type DiscrepancyReport = z.infer<typeof DiscrepancyReport>;
