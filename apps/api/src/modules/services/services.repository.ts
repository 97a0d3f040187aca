import type { FeeRule, WorkflowDefinition } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { SIMPLE_APPROVAL } from '../../platform/workflow';
import { iso, json, jsonb, list, rows, type Db } from '../../platform/db';

export type Recipients = 'G2C' | 'G2B' | 'G2G';

/** A desk service with its agency's names (the names are the organisation's: services.service.ts adds them). */
export interface ServiceRow extends ServiceRecord {
  agencyNameFa: string;
  agencyNameEn: string | null;
}

/** A desk service as this module stores it. */
export interface ServiceRecord {
  id: string;
  agencyId: string;
  titleFa: string;
  titleEn: string | null;
  descriptionFa: string;
  recipients: Recipients;
  normDays: number;
  /** The published version's form; an empty object while no version is published. */
  formSchema: Record<string, unknown>;
  /** The published version's UI schema; an empty object while none is published. */
  uiSchema: Record<string, unknown>;
  /** The published version's fee rule; none while none is published. */
  feeRule: FeeRule;
  published: boolean;
  /** The published version's number (migration 0037), null while none is published. */
  publishedVersion: number | null;
  /** Whether the published version sends the answer by post when the applicant asks (false while none is published). */
  postalDelivery: boolean;
  /** The approved catalogue service id this desk service delivers (migration 0010). */
  catalogueServiceId: string | null;
  version: number;
}

const SELECT = sql`
  SELECT s.id, s.agency_id AS "agencyId", s.title_fa AS "titleFa",
         s.title_en AS "titleEn", s.description_fa AS "descriptionFa", s.recipients, s.norm_days AS "normDays",
         coalesce(v.form_schema, '{}'::jsonb) AS "formSchema", coalesce(v.ui_schema, '{}'::jsonb) AS "uiSchema",
         coalesce(v.fee_rule, '{"kind": "none"}'::jsonb) AS "feeRule", s.published, v.version_no AS "publishedVersion",
         coalesce(v.postal_delivery, false) AS "postalDelivery",
         s.catalogue_service_id AS "catalogueServiceId", s.version
    FROM services s
    LEFT JOIN service_versions v ON v.service_id = s.id AND v.state = 'published'`;

const fix = (r: ServiceRecord): ServiceRecord => ({
  ...r,
  formSchema: json<Record<string, unknown>>(r.formSchema),
  uiSchema: json<Record<string, unknown>>(r.uiSchema),
  feeRule: json<FeeRule>(r.feeRule),
});

export async function findService(db: Db, id: string): Promise<ServiceRecord | undefined> {
  const [row] = await rows<ServiceRecord>(db, sql`${SELECT} WHERE s.id = ${id}`);
  return row && fix(row);
}

export interface CatalogueFilter {
  agencyId?: string | undefined;
  /** Agencies switched off (the organisation's answer): their services are left out. */
  inactiveAgencies: readonly string[];
  /** Only the desk services delivering one of these catalogue service ids. */
  catalogueServiceIds?: readonly string[] | undefined;
  recipients?: Recipients | undefined;
  /** Keyset: the (title_fa, id) of the last row of the previous page. */
  after?: { titleFa: string; id: string } | undefined;
  limit: number;
}

/** Published services in catalogue order (Persian title, then id); one more row than asked tells whether a next page exists. */
export async function listPublishedServices(db: Db, f: CatalogueFilter): Promise<ServiceRecord[]> {
  const r = await rows<ServiceRecord>(
    db,
    sql`${SELECT}
    WHERE s.published
      ${f.inactiveAgencies.length > 0 ? sql`AND s.agency_id <> ALL(${list(f.inactiveAgencies)}::uuid[])` : sql``}
      ${f.agencyId ? sql`AND s.agency_id = ${f.agencyId}` : sql``}
      ${f.catalogueServiceIds ? sql`AND s.catalogue_service_id = ANY(${list(f.catalogueServiceIds)}::text[])` : sql``}
      ${f.recipients ? sql`AND s.recipients = ${f.recipients}` : sql``}
      ${f.after ? sql`AND (s.title_fa, s.id) > (${f.after.titleFa}, ${f.after.id}::uuid)` : sql``}
    ORDER BY s.title_fa, s.id
    LIMIT ${f.limit + 1}`,
  );
  return r.map(fix);
}

export interface NewService {
  agencyId: string;
  titleFa: string;
  titleEn: string | null;
  descriptionFa: string;
  recipients: Recipients;
  normDays: number;
  formSchema: Record<string, unknown>;
  published: boolean;
  /** The version's workflow definition; the simple-approval template when left out. */
  workflow?: WorkflowDefinition;
  /** The version's fee; none when left out. */
  feeRule?: FeeRule;
  /** The version offers postal delivery of the answer (ADR 0039); not when left out. */
  postalDelivery?: boolean;
}

/** A service and its version 1 (published when `s.published`), on the given workflow definition. */
export async function insertService(db: Db, s: NewService, now: Date): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`
    WITH service AS (
      INSERT INTO services (agency_id, title_fa, title_en, description_fa, recipients, norm_days, published, created_at, updated_at)
      VALUES (${s.agencyId}, ${s.titleFa}, ${s.titleEn}, ${s.descriptionFa}, ${s.recipients}, ${s.normDays},
              ${s.published}, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
      RETURNING id)
    INSERT INTO service_versions (service_id, version_no, state, form_schema, workflow, workflow_definition, fee_rule, postal_delivery, created_at, updated_at, published_at)
    SELECT id, 1, ${s.published ? 'published' : 'draft'}, ${jsonb(s.formSchema)}::jsonb, ${(s.workflow ?? SIMPLE_APPROVAL).id}, ${jsonb(s.workflow ?? SIMPLE_APPROVAL)}::jsonb,
           ${jsonb(s.feeRule ?? { kind: 'none' })}::jsonb, ${s.postalDelivery ?? false},
           ${iso(now)}::timestamptz, ${iso(now)}::timestamptz, ${s.published ? iso(now) : null}::timestamptz
      FROM service
    RETURNING service_id AS id`,
  );
  return row!.id;
}

/** Sets or clears the catalogue link at the version read; undefined when the version moved on. */
export async function updateCatalogueLink(
  db: Db,
  id: string,
  version: number,
  catalogueServiceId: string | null,
  now: Date,
): Promise<ServiceRecord | undefined> {
  const r = await rows<{ id: string }>(
    db,
    sql`
    UPDATE services SET catalogue_service_id = ${catalogueServiceId}, version = version + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return r[0] ? findService(db, id) : undefined;
}

/** The desk services of agencies (for the demo seed's links). */
export async function servicesOfAgencies(db: Db, agencyIds: readonly string[]): Promise<ServiceRecord[]> {
  const r = await rows<ServiceRecord>(
    db,
    sql`${SELECT} WHERE s.agency_id = ANY(${list(agencyIds)}::uuid[]) ORDER BY s.title_fa, s.id`,
  );
  return r.map(fix);
}

/** Desk services by id (unknown ids are left out). */
export async function servicesByIds(db: Db, ids: readonly string[]): Promise<ServiceRecord[]> {
  if (ids.length === 0) return [];
  return (await rows<ServiceRecord>(db, sql`${SELECT} WHERE s.id = ANY(${list(ids)}::uuid[])`)).map(fix);
}

/** For the desk scorecard: the published desk services of these agencies created before `before`, with their catalogue link. */
export async function publishedServicesBefore(
  db: Db,
  agencyIds: readonly string[],
  before: Date,
): Promise<Array<{ id: string; agencyId: string; catalogueServiceId: string | null }>> {
  if (agencyIds.length === 0) return [];
  return rows(
    db,
    sql`SELECT s.id, s.agency_id AS "agencyId", s.catalogue_service_id AS "catalogueServiceId" FROM services s
         WHERE s.published AND s.agency_id = ANY(${list(agencyIds)}::uuid[]) AND s.created_at < ${before.toISOString()}::timestamptz`,
  );
}
