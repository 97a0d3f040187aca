import { CARD_RECIPIENTS, LIFE_EVENTS, MATURITY_LEVELS, ServiceIdInput } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { limitPerAddress } from '../../platform/rate-limit';
import { agencyServices, decodeCursor, getServiceInfo, searchServices } from './catalogue-public.service';

const tags = ['catalogue'];
const pub = { access: 'public' as const };

const SearchQuery = z.object({
  q: z.string().max(200).optional(),
  agencyId: z.uuid().optional(),
  province: z.string().max(100).optional(),
  lifeEvent: z.enum(LIFE_EVENTS).optional(),
  recipients: z.enum(CARD_RECIPIENTS).optional(),
  maturity: z.enum(MATURITY_LEVELS).optional(),
  /** The service architecture (GET /catalogue/architecture): a category id, a macro domain id. */
  category: z.uuid().optional(),
  domain: z.uuid().optional(),
  /** Opaque, from the previous page's nextCursor. */
  cursor: z
    .string()
    .max(40)
    .transform((s, ctx) => {
      const o = decodeCursor(s);
      if (o !== undefined && o.offset <= 10_000) return o;
      ctx.addIssue({ code: 'custom', params: { code: 'INVALID_CURSOR' }, message: 'INVALID_CURSOR' });
      return z.NEVER;
    })
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A category or macro domain of the service architecture; null when the service is not classified. */
const ArchitectureRef = z.object({ id: z.string(), title: z.string() }).nullable();
/** How the card says the service is requested and delivered, and whether it can be requested online (both needed: an electronic request channel and maturity). */
const Delivery = {
  onlineRequest: z.boolean(),
  channels: z.object({ request: z.array(z.string()), delivery: z.array(z.string()) }),
};
const ServiceSummary = z.object({
  serviceId: z.string(),
  title: z.string(),
  agency: z.object({ id: z.string(), name: z.string() }),
  recipients: z.array(z.string()),
  level: z.string().nullable(),
  maturity: z.string().nullable(),
  lifeEvents: z.array(z.string()),
  province: z.string().nullable(),
  approvedAt: z.string(),
  expiresAt: z.string(),
  /** The card's one-year validity has passed; it awaits renewal. */
  expired: z.boolean(),
  ...Delivery,
  category: ArchitectureRef,
  domain: ArchitectureRef,
});
const SearchResult = z.object({
  /** exact: every word of q was found; fuzzy: nothing was, so titles similar to q (typos) are listed. */
  match: z.enum(['exact', 'fuzzy']),
  items: z.array(ServiceSummary),
  nextCursor: z.string().nullable(),
});

const LegalRef = z.object({
  lawId: z.string(),
  article: z.string(),
  lawTitle: z.string().nullable(),
  link: z.string().nullable(),
});
/** For a service not yet electronic: when it will be (Jalali YYYY/MM/DD) and why not yet, or its exemption. */
const MaturityPlan = z.object({
  plannedDate: z.string().nullable(),
  reason: z.string().nullable(),
  exemption: z.object({ reference: z.string(), approvedOn: z.string() }).nullable(),
});
const ServiceInfo = z.object({
  serviceId: z.string(),
  title: z.string(),
  category: ArchitectureRef,
  domain: ArchitectureRef,
  /** Whether the card lets it be requested online (an electronic request channel and maturity). */
  onlineRequest: z.boolean(),
  description: z.string().nullable(),
  subServices: z.array(z.object({ title: z.string(), description: z.string().nullable() })),
  agency: z.object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    legalId: z.string(),
    province: z.string().nullable(),
  }),
  recipients: z.array(z.string()),
  level: z.string().nullable(),
  nature: z.string().nullable(),
  lifeEvents: z.array(z.string()),
  howToApply: z.object({
    startMode: z.string().nullable(),
    steps: z.array(z.object({ stage: z.string(), description: z.string() })),
    inPersonVisits: z.number().nullable(),
    inPersonReason: z.string().nullable(),
  }),
  channels: z.object({
    information: z.array(z.string()),
    request: z.array(z.string()),
    delivery: z.array(z.string()),
    eServiceUrl: z.string().nullable(),
  }),
  documents: z.array(
    z.object({
      title: z.string().nullable(),
      mandatory: z.boolean().nullable(),
      evidenceType: z.string().nullable(),
      byInquiry: z.boolean(),
      providerAgency: z.string().nullable(),
    }),
  ),
  time: z.object({
    normDays: z.number().nullable(),
    legalDeadlineDays: z.number().nullable(),
    extensionAllowed: z.boolean().nullable(),
    extensionTermDays: z.number().nullable(),
    /** The norm as an ISO-8601 duration (working days). */
    processingTime: z.string().nullable(),
  }),
  fees: z.array(
    z.object({ title: z.string().nullable(), amountRials: z.number().nullable(), legalBasis: z.array(LegalRef) }),
  ),
  legalBasis: z.array(LegalRef),
  complaintRoute: z.string().nullable(),
  /** Where the service is given in person, with opening hours. */
  offices: z.array(
    z.object({
      name: z.string(),
      address: z.string().nullable(),
      hours: z.string().nullable(),
      phone: z.string().nullable(),
      province: z.string().nullable(),
    }),
  ),
  maturity: z.string().nullable(),
  maturityPlan: MaturityPlan,
  approvedAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
});

const AgencyServiceSummary = z.object({
  serviceId: z.string(),
  title: z.string(),
  recipients: z.array(z.string()),
  maturity: z.string().nullable(),
  lifeEvents: z.array(z.string()),
  approvedAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
  ...Delivery,
});
const AgencyServices = z.object({
  agency: z.object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    province: z.string().nullable(),
  }),
  /** Delivered electronically (maturity interactive or above), by title. */
  electronic: z.array(AgencyServiceSummary),
  /** Not yet electronic (non-electronic or informational), with the plan or the exemption, by title. */
  notYetElectronic: z.array(AgencyServiceSummary.extend(MaturityPlan.shape)),
});

/** The public service catalogue: search, a service's information package, an agency's services. */
export async function cataloguePublicRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Each read costs the database real work: limits per address, shared by every process.
  const pageLimit = limitPerAddress(ctx, 'rate:catalogue-page', ctx.config.SEARCH_RATE_PER_MINUTE);

  r.get(
    '/catalogue/services',
    {
      config: pub,
      onRequest: limitPerAddress(ctx, 'rate:catalogue-search', ctx.config.SEARCH_RATE_PER_MINUTE),
      schema: {
        tags,
        summary:
          'Search approved services: q is matched after Persian normalisation (ي/ی, ك/ک, ZWNJ, Persian digits) and every word must occur (title in Persian or English, sub-services, description, agency), ranked by where q sits in the title, then title; with no hit, titles similar to q by trigram word similarity (typos); a q that is an 11-digit service id (Persian, Arabic-Indic or ASCII digits, spaces and dashes allowed) lists that service first; filters by agency, province, life event, recipients, maturity, category and macro domain; nextCursor pages on. Titles and agency names in English for Accept-Language: en where the card has them',
        querystring: SearchQuery,
        response: { 200: SearchResult },
      },
    },
    (req) => {
      const { cursor, ...rest } = req.query;
      return searchServices(ctx, { ...rest, page: cursor }, req.lang);
    },
  );

  r.get(
    '/catalogue/services/:serviceId',
    {
      config: pub,
      onRequest: pageLimit,
      schema: {
        tags,
        summary:
          "A service's information package: how to apply, documents, time, fees, channels, legal basis and agency",
        params: z.object({ serviceId: ServiceIdInput }),
        response: { 200: ServiceInfo },
      },
    },
    (req) => getServiceInfo(ctx, req.params.serviceId, req.lang),
  );

  r.get(
    '/catalogue/agencies/:agencyId/services',
    {
      config: pub,
      onRequest: pageLimit,
      schema: {
        tags,
        summary:
          "An agency's approved services: those delivered electronically, and those not yet electronic with the planned date (Jalali) and reason or the exemption",
        params: z.object({ agencyId: z.uuid() }),
        response: { 200: AgencyServices },
      },
    },
    (req) => agencyServices(ctx, req.params.agencyId, req.lang),
  );
}
