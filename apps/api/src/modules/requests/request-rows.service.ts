import type { WorkflowDefinition } from '@dargah/contracts';
import type { Db } from '../../platform/db';
import { citizensByIds } from '../identity';
import { agenciesByIds } from '../organisation';
import { servicesByIds, versionWorkflows } from '../services';
import * as repo from './requests.repository';

/*
 * Requests as the screens show them: the module's own rows, then one batched call to each owner
 * for what it names (the service's titles, the agency's names, the applicant's), in the caller's
 * db or transaction. Order and paging stay the repository's (on the requests' own columns).
 */

/** The requests with their services' titles, agencies' names and their versions' workflow definitions. */
export async function named(db: Db, found: readonly repo.RequestRecord[]): Promise<repo.RequestRow[]> {
  if (found.length === 0) return [];
  const [services, agencies, workflows] = await Promise.all([
    servicesByIds(db, found.map((r) => r.serviceId)),
    agenciesByIds(db, found.map((r) => r.agencyId)),
    versionWorkflows(db, found.map((r) => ({ serviceId: r.serviceId, versionNo: r.serviceVersion }))),
  ]);
  return found.map((r) => ({
    ...r,
    // The definition of the version it was submitted on: the request runs it (ADR 0034).
    workflow: workflows.get(`${r.serviceId}:${r.serviceVersion}`)!,
    serviceTitleFa: services.get(r.serviceId)?.titleFa ?? '',
    serviceTitleEn: services.get(r.serviceId)?.titleEn ?? null,
    agencyNameFa: agencies.get(r.agencyId)?.nameFa ?? '',
    agencyNameEn: agencies.get(r.agencyId)?.nameEn ?? null,
  }));
}

const one = async (db: Db, r: repo.RequestRecord | undefined) => (r ? (await named(db, [r]))[0] : undefined);

export const findRequest = async (db: Db, id: string) => one(db, await repo.findRequest(db, id));

export const findRequestByTrackingCode = async (db: Db, code: string) => one(db, await repo.findRequestByTrackingCode(db, code));

export const listApplicantRequests = async (
  db: Db,
  who: { applicantId: string; companyId: string | null },
  before: repo.Keyset | undefined,
  limit: number,
) => named(db, await repo.listApplicantRequests(db, who, before, limit));

/** The cartable's rows with the services' titles and the applicants' (and companies') names. */
export async function cartableNamed<R extends { serviceId: string; serviceVersion: number; applicantId: string; onBehalfOfId: string | null }>(
  db: Db,
  found: readonly R[],
): Promise<Array<R & CartableNames>> {
  if (found.length === 0) return [];
  const [services, people, workflows] = await Promise.all([
    servicesByIds(db, found.map((r) => r.serviceId)),
    citizensByIds(db, [...new Set(found.flatMap((r) => (r.onBehalfOfId ? [r.applicantId, r.onBehalfOfId] : [r.applicantId])))]),
    versionWorkflows(db, found.map((r) => ({ serviceId: r.serviceId, versionNo: r.serviceVersion }))),
  ]);
  const citizen = new Map(people.map((c) => [c.id, c]));
  return found.map((r) => {
    const p = citizen.get(r.applicantId);
    const c = r.onBehalfOfId ? citizen.get(r.onBehalfOfId) : undefined;
    return {
      ...r,
      workflow: workflows.get(`${r.serviceId}:${r.serviceVersion}`)!,
      serviceTitleFa: services.get(r.serviceId)?.titleFa ?? '',
      serviceTitleEn: services.get(r.serviceId)?.titleEn ?? null,
      personName: p?.name ?? null,
      personNationalCode: p?.nationalCode ?? null,
      companyName: c ? (c.name ?? c.legalId) : null,
    };
  });
}

export interface CartableNames {
  /** The definition of the version the request was submitted on. */
  workflow: WorkflowDefinition;
  serviceTitleFa: string;
  serviceTitleEn: string | null;
  personName: string | null;
  personNationalCode: string | null;
  companyName: string | null;
}
