import { z } from 'zod';
import { RowVersion } from './bounds';
import { ServiceIdInput } from './catalogue';

/*
 * The service architecture (معماری خدمات): macro domains (کلان‌حوزه) holding categories, and service
 * layers, which classify approved services (ServiceCardContent.classification); and the central
 * reviewers' marks on services: duplicate, removable, or to be merged.
 */

const oneLine = (max: number) => z.string().trim().max(max);
/** A short machine code: lower-case Latin letters, digits, - and _ (e.g. `health`, `g2b-licences`). */
export const TaxonomyCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);

const TermFields = {
  code: TaxonomyCode,
  /** The Persian title (required). */
  titleFa: oneLine(200).pipe(z.string().min(2)),
  titleEn: oneLine(200).optional(),
  description: z.string().trim().max(2000).optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
};

/** Body of POST /catalogue/architecture/domains and /layers. */
export const TaxonomyTermInput = z.object(TermFields).strict();
export type TaxonomyTermInput = z.infer<typeof TaxonomyTermInput>;
/** Body of PUT …/domains/:id and …/layers/:id: the whole term at the version read. */
export const TaxonomyTermUpdate = z.object({ ...TermFields, version: RowVersion }).strict();
export type TaxonomyTermUpdate = z.infer<typeof TaxonomyTermUpdate>;

/** Body of POST /catalogue/architecture/categories. */
export const CategoryInput = z.object({ domainId: z.uuid(), ...TermFields }).strict();
export type CategoryInput = z.infer<typeof CategoryInput>;
/** Body of PUT …/categories/:id (domainId moves the category to another domain). */
export const CategoryUpdate = z
  .object({ domainId: z.uuid(), ...TermFields, version: RowVersion })
  .strict();
export type CategoryUpdate = z.infer<typeof CategoryUpdate>;

/** A domain or layer as staff edit it. */
export const TaxonomyTerm = z.object({
  id: z.uuid(),
  code: z.string(),
  titleFa: z.string(),
  titleEn: z.string().nullable(),
  description: z.string().nullable(),
  sort: z.number().int(),
  version: z.number().int(),
});
export type TaxonomyTerm = z.infer<typeof TaxonomyTerm>;
export const ServiceCategory = TaxonomyTerm.extend({ domainId: z.uuid() });
export type ServiceCategory = z.infer<typeof ServiceCategory>;

/** GET /catalogue/architecture/terms (staff): everything with versions, for editing. */
export const TaxonomyAdmin = z.object({
  domains: z.array(TaxonomyTerm.extend({ categories: z.array(ServiceCategory) })),
  layers: z.array(TaxonomyTerm),
});
export type TaxonomyAdmin = z.infer<typeof TaxonomyAdmin>;

/**
 * GET /catalogue/architecture (public): the taxonomy as the search filters and the card editor use
 * it. `title` is Persian, `titleEn` English (null when not given).
 */
const PublicTerm = z.object({ id: z.uuid(), code: z.string(), title: z.string(), titleEn: z.string().nullable() });
export const ServiceArchitecture = z.object({
  domains: z.array(PublicTerm.extend({ categories: z.array(PublicTerm) })),
  layers: z.array(PublicTerm),
});
export type ServiceArchitecture = z.infer<typeof ServiceArchitecture>;

// Marks ------------------------------------------------------------------------------------------
export const MARK_KINDS = ['duplicate', 'removable', 'merge'] as const;
export const MarkKind = z.enum(MARK_KINDS);
export type MarkKind = z.infer<typeof MarkKind>;
export const MARK_STATUSES = ['open', 'resolved'] as const;
export const MarkStatus = z.enum(MARK_STATUSES);
export type MarkStatus = z.infer<typeof MarkStatus>;

/**
 * Body of POST /catalogue/marks: the approved service marked (by its service id), and for duplicate
 * and merge the other approved service (a different one).
 */
export const MarkInput = z
  .object({
    serviceId: ServiceIdInput,
    kind: MarkKind,
    relatedServiceId: ServiceIdInput.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type MarkInput = z.infer<typeof MarkInput>;

/** Body of POST /catalogue/marks/:id/resolve. */
export const MarkResolve = z
  .object({ version: RowVersion, note: z.string().trim().min(1).max(2000) })
  .strict();
export type MarkResolve = z.infer<typeof MarkResolve>;

const MarkedService = z.object({
  cardId: z.uuid(),
  title: z.string(),
  serviceId: z.string().nullable(),
  agency: z.object({ id: z.uuid(), name: z.string() }),
});
export const ServiceMark = z.object({
  id: z.uuid(),
  kind: MarkKind,
  status: MarkStatus,
  note: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  service: MarkedService,
  related: MarkedService.nullable(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }),
  resolvedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ServiceMark = z.infer<typeof ServiceMark>;
export const ServiceMarkPage = z.object({ items: z.array(ServiceMark), total: z.number().int() });
export type ServiceMarkPage = z.infer<typeof ServiceMarkPage>;

// Gaps ---------------------------------------------------------------------------------------------
/** GET /catalogue/architecture/gaps: approved services per domain and category; the empty categories are the gaps. */
export const ArchitectureGaps = z.object({
  domains: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      title: z.string(),
      titleEn: z.string().nullable(),
      approvedServices: z.number().int(),
      openMarks: z.number().int(),
      categories: z.array(
        z.object({
          id: z.uuid(),
          code: z.string(),
          title: z.string(),
          titleEn: z.string().nullable(),
          approvedServices: z.number().int(),
        }),
      ),
      /** Categories without any approved service. */
      gaps: z.array(z.object({ id: z.uuid(), code: z.string(), title: z.string(), titleEn: z.string().nullable() })),
    }),
  ),
  /** Approved services with no category, per agency (most first). */
  unclassified: z.array(z.object({ agency: z.object({ id: z.uuid(), name: z.string() }), count: z.number().int() })),
  unclassifiedTotal: z.number().int(),
});
export type ArchitectureGaps = z.infer<typeof ArchitectureGaps>;
