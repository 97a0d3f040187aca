import { z } from 'zod';
import { RowVersion } from './bounds';
import { WorkflowDefinitionSchema } from './workflow-definition';

/**
 * Desk services as versioned definitions (issue 11 item 1): what a request runs on — the form, the
 * workflow, the answer template, the fee rule, an in-person step, postal delivery — lives in a
 * service's versions. One is published; one may be a draft; a request stays on the version it was
 * submitted on.
 */
export const ServiceVersionState = z.enum(['draft', 'published', 'retired']);
export type ServiceVersionState = z.infer<typeof ServiceVersionState>;

/** What applying costs: nothing, or a fixed amount in rials (paid before the request is accepted). */
export const FeeRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('fixed'), amountRials: z.number().int().min(1).max(100_000_000_000) }).strict(),
]);
export type FeeRule = z.infer<typeof FeeRule>;

/** A JSON object of bounded size: a form's JSON Schema or its UI schema. */
const JsonObject = z.record(z.string().max(200), z.unknown());

/** The parts of a version its agency's administrator writes; every field optional on a new draft (copied from the latest version). */
export const ServiceVersionInput = z
  .object({
    formSchema: JsonObject,
    uiSchema: JsonObject,
    /**
     * A workflow template of the platform (GET /services/:id/versions lists them): the version takes a
     * copy of its definition. Its id in a view (the definition's id, which an edited copy keeps).
     */
    workflow: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/),
    /**
     * The version's own workflow definition (ADR 0034), as the editor writes it. Checked by the server's
     * validateDefinition (every problem at body.workflowDefinition.<path>, at its state); the shape is
     * loose here so every problem is reported at once, in the caller's language.
     */
    workflowDefinition: z.record(z.string().max(200), z.unknown()),
    /**
     * The body of the signed answer (ADR 0038): Persian paragraphs (split at blank lines) with named
     * placeholders — `{{applicant.name}}`, `{{trackingCode}}`, `{{service.title}}`, `{{decision}}`,
     * `{{reasons}}`, `{{legalBasis}}`, `{{date}}`, `{{form.<field>}}`… (ANSWER_PLACEHOLDERS). Plain
     * text, never markup: checked on save (parseAnswerTemplate; each problem at body.outputTemplate
     * with its line and column). The answer keeps its fixed parts (the decision table, the QR code to
     * its verification, and the reasons and legal basis where the template does not place them).
     * null (or blank): the platform's default answer.
     */
    outputTemplate: z.string().max(100_000).nullable(),
    feeRule: FeeRule,
    inPersonStep: z.boolean(),
    postalDelivery: z.boolean(),
    changeNote: z.string().max(2000),
  })
  .strict();
export type ServiceVersionInput = z.infer<typeof ServiceVersionInput>;

/** POST /services/:id/versions: a new draft; what is left out is copied from the latest version. */
export const NewServiceVersion = ServiceVersionInput.partial().strict();
export type NewServiceVersion = z.infer<typeof NewServiceVersion>;

/** PUT /services/:id/versions/:no: the draft's parts at the row version read. */
export const UpdateServiceVersion = ServiceVersionInput.partial()
  .extend({ rowVersion: RowVersion })
  .strict();
export type UpdateServiceVersion = z.infer<typeof UpdateServiceVersion>;

/** POST /services/:id/versions/:no/output-preview: the answer an output template would give, with sample values (the editor's text, saved or not). */
export const AnswerTemplatePreview = z.object({ outputTemplate: z.string().max(100_000).nullable() }).strict();
export type AnswerTemplatePreview = z.infer<typeof AnswerTemplatePreview>;

/** POST /services/:id/versions/:no/publish */
export const PublishServiceVersion = z.object({ rowVersion: RowVersion }).strict();
export type PublishServiceVersion = z.infer<typeof PublishServiceVersion>;

export const ServiceVersionView = ServiceVersionInput.extend({
  workflowDefinition: WorkflowDefinitionSchema,
  serviceId: z.uuid(),
  versionNo: z.number().int().min(1),
  state: ServiceVersionState,
  rowVersion: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
  retiredAt: z.iso.datetime().nullable(),
});
export type ServiceVersionView = z.infer<typeof ServiceVersionView>;

/** GET /services/:id/versions: newest first, with what the caller may do. */
export const ServiceVersionList = z.object({
  serviceId: z.uuid(),
  title: z.string(),
  catalogueServiceId: z.string().nullable(),
  items: z.array(ServiceVersionView),
  /** The workflow templates a version may name, with their labels. */
  workflows: z.array(z.object({ id: z.string(), label: z.string(), definition: WorkflowDefinitionSchema })),
  /** The caller may create, edit and publish versions (the agency's administrator). */
  mayEdit: z.boolean(),
  /** The caller may publish a draft now: they may edit, and the service's approved card is in force and lets it be requested online. */
  mayPublish: z.boolean(),
});
export type ServiceVersionList = z.infer<typeof ServiceVersionList>;
