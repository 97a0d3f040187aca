import type { NewServiceVersion, PublishServiceVersion, ServiceVersionList, ServiceVersionView, UpdateServiceVersion } from '@dargah/contracts';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db, type Tx } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { formSchemaProblems, type FormSchemaProblem } from '../../platform/forms';
import type { FieldProblem } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { ROLES } from '@dargah/contracts';
import { APPLICANT_ROLE, validateDefinition, WORKFLOW_TEMPLATES } from '../../platform/workflow';
import { approvedServiceFacts } from '../catalogue';
import { hasRole } from '../organisation';
import { keptTemplate, outputTemplateProblems, parsedOutputTemplate } from './output-template.parse';
import { availabilityOf } from './services.policy';
import type { ServiceRecord } from './services.repository';
import { visibleService } from './services.service';
import * as repo from './service-versions.repository';
import { ServicesError } from './services.errors';

/**
 * A desk service's versions (issue 11 item 1, ADR 0028): its agency's administrator drafts a new
 * version (the form, the workflow, the answer template, the fee rule, an in-person step, postal
 * delivery), edits it, and publishes it once the service's approved catalogue card is in force; the
 * version before is retired. Requests already submitted stay on the version they started on.
 */

/** The roles a desk workflow's actions and escalations may name: the organisation's, and the applicant's own steps. */
export const DESK_WORKFLOW_ROLES: readonly string[] = [...ROLES, APPLICANT_ROLE];

const view = (v: repo.ServiceVersionRow): ServiceVersionView => ({
  serviceId: v.serviceId,
  versionNo: v.versionNo,
  state: v.state,
  formSchema: v.formSchema,
  uiSchema: v.uiSchema,
  workflow: v.workflow,
  workflowDefinition: v.workflowDefinition,
  outputTemplate: v.outputTemplate,
  feeRule: v.feeRule,
  inPersonStep: v.inPersonStep,
  postalDelivery: v.postalDelivery,
  changeNote: v.changeNote,
  rowVersion: v.rowVersion,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
  publishedAt: v.publishedAt?.toISOString() ?? null,
  retiredAt: v.retiredAt?.toISOString() ?? null,
});

const SCHEMA_PROBLEM_TEXT: Record<FormSchemaProblem['code'], { fa: string; en: string }> = {
  not_object: { fa: 'فرم باید یک شیء JSON Schema با type برابر object باشد.', en: 'The form must be a JSON Schema object with type "object".' },
  no_properties: { fa: 'فرم فیلدی ندارد (properties).', en: 'The form has no fields (properties).' },
  too_many_fields: { fa: 'فرم بیش از ۲۰۰ فیلد دارد.', en: 'The form has more than 200 fields.' },
  bad_field_name: { fa: 'نام فیلد باید با حرف لاتین آغاز شود و فقط حرف، رقم و _ داشته باشد.', en: 'A field name must start with a Latin letter and hold only letters, digits and _.' },
  bad_type: { fa: 'نوع این فیلد پشتیبانی نمی‌شود.', en: 'This field’s type is not supported.' },
  no_title: { fa: 'هر فیلد به عنوانی برای نمایش نیاز دارد (title).', en: 'Every field needs a title to show.' },
  unknown_format: { fa: 'این قالب شناخته نیست.', en: 'This format is not known.' },
  unknown_required: { fa: 'فیلد الزامی در فهرست فیلدها نیست.', en: 'A required field is not one of the form’s fields.' },
  too_large: { fa: 'فرم بیش از اندازه‌ی مجاز بزرگ است.', en: 'The form is larger than allowed.' },
  not_a_schema: { fa: 'فرم یک JSON Schema معتبر نیست.', en: 'The form is not a valid JSON Schema.' },
};

/** Every problem of a version's parts as field problems of the request body, or none. */
function partProblems(parts: repo.VersionParts, lang: Lang): FieldProblem[] {
  const problems: FieldProblem[] = formSchemaProblems(parts.formSchema).map((p) => ({
    field: ['body.formSchema', p.path].filter(Boolean).join('.'),
    code: `form_${p.code}`,
    message: SCHEMA_PROBLEM_TEXT[p.code][lang],
  }));
  // The workflow definition: every problem of validateDefinition at its JSON path (the editor marks its state).
  const checked = validateDefinition(parts.workflowDefinition, { roles: DESK_WORKFLOW_ROLES });
  if (!checked.ok)
    for (const p of checked.problems)
      problems.push({ field: ['body.workflowDefinition', ...p.path].join('.'), code: p.code, message: p[lang] });
  // The output template: its placeholders against this version's form (ADR 0038).
  problems.push(...outputTemplateProblems(parts.outputTemplate, parts.formSchema, lang));
  return problems;
}

/** A template's definition by id, copied (templates are frozen and shared). */
const templateCopy = (id: string) => {
  const t = WORKFLOW_TEMPLATES.find((w) => w.id === id);
  return t && structuredClone<repo.VersionParts['workflowDefinition']>(t);
};

/**
 * The workflow a version's parts take from what was sent: an edited definition, or a template by its
 * id (a copy of its definition), or the base's. Undefined for an unknown template.
 */
function workflowOver(base: repo.VersionParts, sent: NewServiceVersion): Pick<repo.VersionParts, 'workflow' | 'workflowDefinition'> | undefined {
  if (sent.workflowDefinition !== undefined) {
    // Not yet checked: partProblems reports every problem of it at its path before it is kept.
    const def = sent.workflowDefinition as unknown as repo.VersionParts['workflowDefinition'];
    return { workflow: typeof def.id === 'string' ? def.id : base.workflow, workflowDefinition: def };
  }
  // The same template id again (the versions form sends what it shows) keeps an edited definition.
  if (sent.workflow === undefined || sent.workflow === base.workflow) return { workflow: base.workflow, workflowDefinition: base.workflowDefinition };
  const def = templateCopy(sent.workflow);
  return def && { workflow: def.id, workflowDefinition: def };
}

/** A version's parts with what was sent written over a base (the latest version, or the draft). */
function partsOver(base: repo.VersionParts, sent: NewServiceVersion, lang: Lang): repo.VersionParts {
  const workflow = workflowOver(base, sent);
  if (!workflow)
    throw new ServicesError('VALIDATION_FAILED', {
      fields: [{ field: 'body.workflow', code: 'workflow_not_runnable', message: lang === 'fa' ? 'چنین الگوی گردش کاری وجود ندارد.' : 'There is no such workflow template.' }],
    });
  return {
  formSchema: sent.formSchema ?? base.formSchema,
  uiSchema: sent.uiSchema ?? base.uiSchema,
  ...workflow,
  outputTemplate: sent.outputTemplate !== undefined ? keptTemplate(sent.outputTemplate) : base.outputTemplate,
  feeRule: sent.feeRule ?? base.feeRule,
  inPersonStep: sent.inPersonStep ?? base.inPersonStep,
  postalDelivery: sent.postalDelivery ?? base.postalDelivery,
  changeNote: sent.changeNote ?? base.changeNote,
  };
}

function assertParts(parts: repo.VersionParts, lang: Lang): void {
  const fields = partProblems(parts, lang);
  if (fields.length > 0) throw new ServicesError('VALIDATION_FAILED', { fields });
}

/** Whether the service's approved card lets a version be published: `open`, or why not (`unlinked`, expired, not electronic). */
async function cardAvailability(db: Db, s: ServiceRecord, now: Date): Promise<ReturnType<typeof availabilityOf> | 'unlinked'> {
  const card = s.catalogueServiceId ? (await approvedServiceFacts(db, [s.catalogueServiceId], now)).get(s.catalogueServiceId) : undefined;
  return card ? availabilityOf(card) : 'unlinked';
}

function assertAdmin(actor: Actor, s: ServiceRecord): void {
  if (!hasRole(actor, ['agency_admin'], s.agencyId)) throw new ServicesError('FORBIDDEN', { need: ['agency_admin'] });
}

async function versionOrRefuse(db: Db, serviceId: string, versionNo: number): Promise<repo.ServiceVersionRow> {
  const v = await repo.findVersion(db, serviceId, versionNo);
  if (!v) throw new ServicesError('SERVICE_VERSION_NOT_FOUND', { serviceId, versionNo });
  return v;
}

const record = (tx: Tx, actor: Actor, origin: RequestOrigin, at: Date, s: ServiceRecord, event: string, details: Record<string, unknown>) =>
  recordChange(tx, { actor, origin, at }, { stream: 'service', id: s.id, event, audit: `service.${event}`, agencyId: s.agencyId, details });

/** GET /services/:id/versions: staff of the service's agency and the central roles. */
export async function listVersions(ctx: AppContext, actor: Actor, serviceId: string, lang: Lang): Promise<ServiceVersionList> {
  const db = ctx.database.db;
  const s = await visibleService(db, actor, serviceId);
  const mayEdit = hasRole(actor, ['agency_admin'], s.agencyId);
  return {
    serviceId: s.id,
    title: s.titleFa,
    catalogueServiceId: s.catalogueServiceId,
    items: (await repo.versionsOf(db, s.id)).map(view),
    // Every template runs on the desk (ADR 0034); the editor starts from one.
    workflows: WORKFLOW_TEMPLATES.map((w) => ({ id: w.id, label: w.label[lang], definition: w })),
    mayEdit,
    // The publish button is offered only when the server would publish (the card decides, as publishVersion does).
    mayPublish: mayEdit && (await cardAvailability(db, s, ctx.clock.now())) === 'open',
  };
}

/** GET /services/:id/versions/:no */
export async function getVersion(ctx: AppContext, actor: Actor, serviceId: string, versionNo: number): Promise<ServiceVersionView> {
  const db = ctx.database.db;
  const s = await visibleService(db, actor, serviceId);
  return view(await versionOrRefuse(db, s.id, versionNo));
}

/**
 * POST /services/:id/versions: a new draft, what is left out copied from the latest version. One
 * draft at a time: a second (or a concurrent one) is SERVICE_VERSION_DRAFT_EXISTS. With an
 * Idempotency-Key a retry returns the first answer.
 */
export async function createDraft(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  input: NewServiceVersion,
  origin: RequestOrigin,
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<ServiceVersionView, 201>> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const s = await visibleService(tx.db, actor, serviceId);
    assertAdmin(actor, s);
    return once(tx, claim, at, async () => {
      const [latest] = await repo.versionsOf(tx.db, s.id);
      if (!latest) throw new ServicesError('SERVICE_VERSION_NOT_FOUND', { serviceId });
      // A new draft says what changes: the latest version's note does not carry over.
      const parts = partsOver({ ...latest, changeNote: '' }, input, lang);
      assertParts(parts, lang);
      const draft = await repo.insertDraft(tx.db, s.id, parts, at);
      if (!draft) throw new ServicesError('SERVICE_VERSION_DRAFT_EXISTS', { serviceId });
      await record(tx, actor, origin, at, s, 'version_drafted', { versionNo: draft.versionNo, from: latest.versionNo });
      return { status: 201 as const, body: view(draft) };
    });
  });
}

/** PUT /services/:id/versions/:no: the draft's parts at the row version read. */
export async function updateDraft(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  versionNo: number,
  input: UpdateServiceVersion,
  origin: RequestOrigin,
  lang: Lang,
): Promise<ServiceVersionView> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const s = await visibleService(tx.db, actor, serviceId);
    assertAdmin(actor, s);
    const v = await versionOrRefuse(tx.db, s.id, versionNo);
    if (v.state !== 'draft') throw new ServicesError('SERVICE_VERSION_NOT_DRAFT', { serviceId, versionNo, state: v.state });
    const { rowVersion, ...changes } = input;
    const parts = partsOver(v, changes, lang);
    assertParts(parts, lang);
    const updated = await repo.updateDraft(tx.db, s.id, versionNo, rowVersion, parts, at);
    if (!updated) throw new ServicesError('CONFLICT', { currentVersion: v.rowVersion });
    await record(tx, actor, origin, at, s, 'version_edited', { versionNo, changed: Object.keys(changes).sort() });
    return view(updated);
  });
}

/**
 * POST /services/:id/versions/:no/publish: only with the service linked to an approved catalogue
 * card in force that lets it be requested online (SERVICE_VERSION_CARD_REQUIRED otherwise), and
 * with parts that still pass; the published version before is retired. Its requests stay on it.
 */
export async function publishVersion(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  versionNo: number,
  input: PublishServiceVersion,
  origin: RequestOrigin,
  lang: Lang,
): Promise<ServiceVersionView> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const s = await visibleService(tx.db, actor, serviceId);
    assertAdmin(actor, s);
    const v = await versionOrRefuse(tx.db, s.id, versionNo);
    if (v.state !== 'draft') throw new ServicesError('SERVICE_VERSION_NOT_DRAFT', { serviceId, versionNo, state: v.state });
    const card = await cardAvailability(tx.db, s, at);
    if (card !== 'open') throw new ServicesError('SERVICE_VERSION_CARD_REQUIRED', { serviceId, catalogueServiceId: s.catalogueServiceId, availability: card });
    assertParts(v, lang);
    const published = await repo.publishDraft(tx.db, s.id, versionNo, input.rowVersion, at);
    if (!published) throw new ServicesError('CONFLICT', { currentVersion: v.rowVersion });
    await record(tx, actor, origin, at, s, 'version_published', { versionNo, retired: published.retired, catalogueServiceId: s.catalogueServiceId });
    return view((await repo.findVersion(tx.db, s.id, versionNo))!);
  });
}

/** The workflow definition of the version a request was submitted on: the request runs it (ADR 0034). */
export const versionWorkflow = (db: Db, serviceId: string, versionNo: number) => repo.workflowOf(db, serviceId, versionNo);
/** The workflow definitions of versions, keyed `serviceId:versionNo`. */
export const versionWorkflows = (db: Db, keys: ReadonlyArray<{ serviceId: string; versionNo: number }>) => repo.workflowsOf(db, keys);

/** The workflow definitions the published versions of these agencies' services run (the cartable's status filters). */
export const agencyWorkflows = (db: Db, agencyIds: readonly string[]) => repo.definitionsOfAgencies(db, agencyIds);

/** The form of the version a request was submitted on (its receipt, its corrections). */
export const versionFormSchema = (db: Db, serviceId: string, versionNo: number) => repo.formSchemaOf(db, serviceId, versionNo);

/** What a version promises besides its form (for the channels module): postal delivery of the answer, an in-person step. */
export async function versionDelivery(db: Db, serviceId: string, versionNo: number): Promise<{ postalDelivery: boolean; inPersonStep: boolean; uiSchema: Record<string, unknown> } | undefined> {
  const v = await repo.findVersion(db, serviceId, versionNo);
  return v && { postalDelivery: v.postalDelivery, inPersonStep: v.inPersonStep, uiSchema: v.uiSchema };
}

/**
 * The answer template of the version a request was submitted on, parsed (ADR 0038), with the form it
 * names fields of; `template: null` for the platform's default answer.
 */
export async function versionAnswerTemplate(db: Db, serviceId: string, versionNo: number): Promise<{ template: ReturnType<typeof parsedOutputTemplate>; formSchema: Record<string, unknown> }> {
  const v = await repo.findVersion(db, serviceId, versionNo);
  return { template: v ? parsedOutputTemplate(v.outputTemplate, v.formSchema) : null, formSchema: v?.formSchema ?? {} };
}

/**
 * For the answer's preview (the version editor): the service and version, to its agency's
 * administrator (SERVICE_NOT_FOUND, FORBIDDEN, SERVICE_VERSION_NOT_FOUND otherwise), and the
 * template sent checked against the version's form (VALIDATION_FAILED at body.outputTemplate).
 */
export async function versionForPreview(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  versionNo: number,
  outputTemplate: string | null,
  lang: Lang,
): Promise<{ service: ServiceRecord; formSchema: Record<string, unknown>; template: ReturnType<typeof parsedOutputTemplate> }> {
  const db = ctx.database.db;
  const s = await visibleService(db, actor, serviceId);
  assertAdmin(actor, s);
  const v = await versionOrRefuse(db, s.id, versionNo);
  const fields = outputTemplateProblems(keptTemplate(outputTemplate), v.formSchema, lang);
  if (fields.length > 0) throw new ServicesError('VALIDATION_FAILED', { fields });
  return { service: s, formSchema: v.formSchema, template: parsedOutputTemplate(outputTemplate, v.formSchema) };
}
