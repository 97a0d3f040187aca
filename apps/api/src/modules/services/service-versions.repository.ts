import type { FeeRule, ServiceVersionState, WorkflowDefinition } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { iso, json, jsonb, list, rows, type Db } from '../../platform/db';

/** A service version as this module stores it (migration 0037). */
export interface ServiceVersionRow {
  serviceId: string;
  versionNo: number;
  state: ServiceVersionState;
  formSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  /** The definition's id (the template it started from). */
  workflow: string;
  /** The version's workflow definition (migration 0039), checked by validateDefinition before it is kept. */
  workflowDefinition: WorkflowDefinition;
  outputTemplate: string | null;
  feeRule: FeeRule;
  inPersonStep: boolean;
  postalDelivery: boolean;
  changeNote: string;
  rowVersion: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

/** The parts of a version that are written (everything but its identity, state and times). */
export type VersionParts = Pick<
  ServiceVersionRow,
  'formSchema' | 'uiSchema' | 'workflow' | 'workflowDefinition' | 'outputTemplate' | 'feeRule' | 'inPersonStep' | 'postalDelivery' | 'changeNote'
>;

const SELECT = sql`
  SELECT v.service_id AS "serviceId", v.version_no AS "versionNo", v.state, v.form_schema AS "formSchema",
         v.ui_schema AS "uiSchema", v.workflow, v.workflow_definition AS "workflowDefinition", v.output_template AS "outputTemplate", v.fee_rule AS "feeRule",
         v.in_person_step AS "inPersonStep", v.postal_delivery AS "postalDelivery", v.change_note AS "changeNote",
         v.row_version AS "rowVersion", v.created_at AS "createdAt", v.updated_at AS "updatedAt",
         v.published_at AS "publishedAt", v.retired_at AS "retiredAt"
    FROM service_versions v`;

const fix = (r: ServiceVersionRow): ServiceVersionRow => ({
  ...r,
  formSchema: json(r.formSchema),
  uiSchema: json(r.uiSchema),
  feeRule: json(r.feeRule),
  workflowDefinition: json(r.workflowDefinition),
  createdAt: new Date(r.createdAt),
  updatedAt: new Date(r.updatedAt),
  publishedAt: r.publishedAt && new Date(r.publishedAt),
  retiredAt: r.retiredAt && new Date(r.retiredAt),
});

/** A service's versions, newest first. */
export async function versionsOf(db: Db, serviceId: string): Promise<ServiceVersionRow[]> {
  return (await rows<ServiceVersionRow>(db, sql`${SELECT} WHERE v.service_id = ${serviceId} ORDER BY v.version_no DESC`)).map(fix);
}

export async function findVersion(db: Db, serviceId: string, versionNo: number): Promise<ServiceVersionRow | undefined> {
  const [r] = await rows<ServiceVersionRow>(db, sql`${SELECT} WHERE v.service_id = ${serviceId} AND v.version_no = ${versionNo}`);
  return r && fix(r);
}

/**
 * A new draft numbered after the service's latest version; undefined when the service already has a
 * draft (the one-draft index) — a concurrent creation loses here, not with an error.
 */
export async function insertDraft(db: Db, serviceId: string, parts: VersionParts, now: Date): Promise<ServiceVersionRow | undefined> {
  const [r] = await rows<{ versionNo: number }>(
    db,
    sql`
    INSERT INTO service_versions (service_id, version_no, state, form_schema, ui_schema, workflow, workflow_definition, output_template,
                                  fee_rule, in_person_step, postal_delivery, change_note, created_at, updated_at)
    SELECT ${serviceId}, coalesce(max(version_no), 0) + 1, 'draft', ${jsonb(parts.formSchema)}::jsonb, ${jsonb(parts.uiSchema)}::jsonb,
           ${parts.workflow}, ${jsonb(parts.workflowDefinition)}::jsonb, ${parts.outputTemplate}, ${jsonb(parts.feeRule)}::jsonb, ${parts.inPersonStep}, ${parts.postalDelivery},
           ${parts.changeNote}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz
      FROM service_versions WHERE service_id = ${serviceId}
    ON CONFLICT DO NOTHING
    RETURNING version_no AS "versionNo"`,
  );
  return r && findVersion(db, serviceId, r.versionNo);
}

/** Rewrites a draft at the row version read; undefined when it moved on or is no longer a draft. */
export async function updateDraft(
  db: Db,
  serviceId: string,
  versionNo: number,
  rowVersion: number,
  parts: VersionParts,
  now: Date,
): Promise<ServiceVersionRow | undefined> {
  const r = await rows<{ versionNo: number }>(
    db,
    sql`
    UPDATE service_versions
       SET form_schema = ${jsonb(parts.formSchema)}::jsonb, ui_schema = ${jsonb(parts.uiSchema)}::jsonb, workflow = ${parts.workflow},
           workflow_definition = ${jsonb(parts.workflowDefinition)}::jsonb, output_template = ${parts.outputTemplate}, fee_rule = ${jsonb(parts.feeRule)}::jsonb, in_person_step = ${parts.inPersonStep},
           postal_delivery = ${parts.postalDelivery}, change_note = ${parts.changeNote},
           row_version = row_version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE service_id = ${serviceId} AND version_no = ${versionNo} AND row_version = ${rowVersion} AND state = 'draft'
    RETURNING version_no AS "versionNo"`,
  );
  return r[0] && findVersion(db, serviceId, versionNo);
}

/**
 * Publishes a draft at the row version read: the published version before it is retired first (the
 * one-published index), and the service is marked published — all in the caller's transaction.
 * Returns the number of the version retired (null when none was published); undefined when the draft
 * moved on or is no longer a draft.
 */
export async function publishDraft(
  db: Db,
  serviceId: string,
  versionNo: number,
  rowVersion: number,
  now: Date,
): Promise<{ retired: number | null } | undefined> {
  // Lock the draft first: a concurrent publication of the same draft waits here and then finds it published.
  const [draft] = await rows<{ versionNo: number }>(
    db,
    sql`SELECT version_no AS "versionNo" FROM service_versions
         WHERE service_id = ${serviceId} AND version_no = ${versionNo} AND row_version = ${rowVersion} AND state = 'draft' FOR UPDATE`,
  );
  if (!draft) return undefined;
  const retired = await rows<{ versionNo: number }>(
    db,
    sql`UPDATE service_versions SET state = 'retired', retired_at = ${iso(now)}::timestamptz, row_version = row_version + 1, updated_at = ${iso(now)}::timestamptz
         WHERE service_id = ${serviceId} AND state = 'published' RETURNING version_no AS "versionNo"`,
  );
  await rows(
    db,
    sql`UPDATE service_versions SET state = 'published', published_at = ${iso(now)}::timestamptz, row_version = row_version + 1, updated_at = ${iso(now)}::timestamptz
         WHERE service_id = ${serviceId} AND version_no = ${versionNo}`,
  );
  await rows(db, sql`UPDATE services SET published = true, version = version + 1, updated_at = ${iso(now)}::timestamptz WHERE id = ${serviceId}`);
  return { retired: retired[0]?.versionNo ?? null };
}

/** The form of the version a request was submitted on (for its receipt and corrections). */
export async function formSchemaOf(db: Db, serviceId: string, versionNo: number): Promise<Record<string, unknown> | undefined> {
  const [r] = await rows<{ formSchema: Record<string, unknown> }>(
    db,
    sql`SELECT form_schema AS "formSchema" FROM service_versions WHERE service_id = ${serviceId} AND version_no = ${versionNo}`,
  );
  return r && json(r.formSchema);
}

/** The workflow definition of a version (what a request submitted on it runs). */
export async function workflowOf(db: Db, serviceId: string, versionNo: number): Promise<WorkflowDefinition | undefined> {
  const [r] = await rows<{ def: WorkflowDefinition }>(
    db,
    sql`SELECT workflow_definition AS def FROM service_versions WHERE service_id = ${serviceId} AND version_no = ${versionNo}`,
  );
  return r && json(r.def);
}

/**
 * The distinct workflow definitions requests of these agencies can run on: those of every version of
 * their services that has been published (a draft has no requests). A handful per agency: services
 * share templates, and an edited definition is kept by each later version.
 */
export async function definitionsOfAgencies(db: Db, agencyIds: readonly string[]): Promise<WorkflowDefinition[]> {
  if (agencyIds.length === 0) return [];
  const found = await rows<{ def: WorkflowDefinition }>(
    db,
    sql`SELECT DISTINCT v.workflow_definition AS def
          FROM service_versions v JOIN services s ON s.id = v.service_id
         WHERE s.agency_id = ANY(${list(agencyIds)}::uuid[]) AND v.state <> 'draft'`,
  );
  return found.map((r) => json<WorkflowDefinition>(r.def));
}

/** The workflow definitions of versions, keyed `serviceId:versionNo` (one read for a page of requests). */
export async function workflowsOf(db: Db, keys: ReadonlyArray<{ serviceId: string; versionNo: number }>): Promise<Map<string, WorkflowDefinition>> {
  if (keys.length === 0) return new Map();
  const found = await rows<{ serviceId: string; versionNo: number; def: WorkflowDefinition }>(
    db,
    sql`SELECT v.service_id AS "serviceId", v.version_no AS "versionNo", v.workflow_definition AS def
          FROM service_versions v
          JOIN unnest(${list(keys.map((k) => k.serviceId))}::uuid[], ${list(keys.map((k) => String(k.versionNo)))}::int[]) AS k(service_id, version_no)
            ON k.service_id = v.service_id AND k.version_no = v.version_no`,
  );
  return new Map(found.map((r) => [`${r.serviceId}:${r.versionNo}`, json<WorkflowDefinition>(r.def)]));
}
