import type { CatalogueLink } from '@dargah/contracts';
import { normalizeIdentifierInput } from '@dargah/persian';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { inTreeOrder } from '../../lib/tree';
import {
  itemsOf,
  type NewServiceVersion,
  type ServiceVersionList,
  type ServiceVersionView,
  type UpdateServiceVersion,
  type Agency,
  type AgencyInput,
  type AgencyUpdate,
  type OrgUnit,
  type OrgUnitInput,
  type Page,
  type PublicService,
  type StaffMember,
} from '../../lib/contracts';

/**
 * Administration: agencies and their organisational units (staff, delegations and API tokens are in
 * staffApi.ts). The server decides who may do what; the screens ask its capabilities first.
 */

export type { StaffMember };

type List<T> = Page<T> | T[];

export const adminAgenciesQuery = queryOptions({
  queryKey: ['admin', 'agencies'],
  queryFn: async ({ signal }) => inTreeOrder(itemsOf(await api.get<List<Agency>>('/admin/agencies', { signal }))),
});

/** Creates take an idempotency key: a retried or double-clicked create returns the first result. */
export const createAgency = (body: AgencyInput, idempotencyKey: string) =>
  api.post<Agency>('/admin/agencies', body, { idempotencyKey });

/**
 * Replaces the agency (optional fields left out are cleared). Optimistic concurrency: `version` is
 * the one the form was filled from; a newer one is refused with 409 CONFLICT.
 */
export const updateAgency = (id: string, body: AgencyUpdate) =>
  api.put<Agency>(`/admin/agencies/${encodeURIComponent(id)}`, body);

export const unitsQuery = (agencyId: string) =>
  queryOptions({
    queryKey: ['admin', 'agencies', agencyId, 'units'],
    queryFn: async ({ signal }) =>
      itemsOf(await api.get<List<OrgUnit>>(`/admin/agencies/${encodeURIComponent(agencyId)}/units`, { signal })),
  });

export const createUnit = (agencyId: string, body: OrgUnitInput, idempotencyKey: string) =>
  api.post<OrgUnit>(`/admin/agencies/${encodeURIComponent(agencyId)}/units`, body, { idempotencyKey });

/** Replaces a unit at the version the form was filled from; a newer one is refused with 409 CONFLICT. */
export const updateUnit = (id: string, body: OrgUnitInput & { version: number }) =>
  api.put<OrgUnit>(`/admin/units/${encodeURIComponent(id)}`, body);

// Desk services and their catalogue service ids ---------------------------------------------------

export type { CatalogueLink };

/** `GET /services?agencyId=`: the agency's desk services (each with its `catalogueServiceId`), a page at a time. */
export const deskServicesQuery = (agencyId: string) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'agencies', agencyId, 'desk-services'],
    queryFn: ({ signal, pageParam }) =>
      api.get<Page<PublicService>>('/services', { signal, query: { agencyId, cursor: pageParam, limit: 50 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** `GET /services/:id/catalogue-link`: the link with the card's title, expiry and the row `version`. */
export const catalogueLinkQuery = (serviceId: string) =>
  queryOptions({
    queryKey: ['admin', 'services', serviceId, 'catalogue-link'],
    queryFn: ({ signal }) =>
      api.get<CatalogueLink>(`/services/${encodeURIComponent(serviceId)}/catalogue-link`, { signal }),
  });

/**
 * `PUT /services/:id/catalogue-link`: links the desk service to an approved service id, or clears the
 * link with `null`, at the version read (a newer one is refused with 409 CONFLICT).
 */
export const setCatalogueLink = (serviceId: string, body: { serviceId: string | null; version: number }) =>
  api.put<CatalogueLink>(`/services/${encodeURIComponent(serviceId)}/catalogue-link`, body);

/** A service id as typed (Persian or Arabic digits, spaces, dashes) in ASCII digits. */
export const normalizeServiceId = (typed: string): string => normalizeIdentifierInput(typed.trim());

/** Whether a normalised service id has the catalogue's shape: 11 digits (the server checks the rest). */
export const isServiceIdShape = (id: string): boolean => /^[0-9]{11}$/.test(id);

export interface UnitNode extends OrgUnit {
  children: UnitNode[];
}

/** Units as a tree (roots first, by name); a unit whose parent is missing becomes a root. */
export function unitTree(units: readonly OrgUnit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { ...u, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.nameFa.localeCompare(b.nameFa, 'fa'));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

// A desk service's versions (issue 11 item 1) ------------------------------------------------------

/** `GET /services/:id/versions`: newest first, with the workflows a version may run and whether the caller may edit. */
export const serviceVersionsQuery = (serviceId: string) =>
  queryOptions({
    queryKey: ['admin', 'services', serviceId, 'versions'],
    queryFn: ({ signal }) => api.get<ServiceVersionList>(`/services/${encodeURIComponent(serviceId)}/versions`, { signal }),
  });

/** `POST /services/:id/versions`: a new draft, copied from the latest version (retry-safe with its key). */
export const createServiceVersion = (serviceId: string, body: NewServiceVersion, idempotencyKey: string) =>
  api.post<ServiceVersionView>(`/services/${encodeURIComponent(serviceId)}/versions`, body, { idempotencyKey });

/** `PUT /services/:id/versions/:no`: the draft's parts at the row version read. */
export const updateServiceVersion = (serviceId: string, versionNo: number, body: UpdateServiceVersion) =>
  api.put<ServiceVersionView>(`/services/${encodeURIComponent(serviceId)}/versions/${versionNo}`, body);

/** `POST /services/:id/versions/:no/output-preview`: the answer an output template gives, with sample values, as PDF bytes. */
export const previewOutputTemplate = (serviceId: string, versionNo: number, outputTemplate: string | null) =>
  api.post<Blob>(`/services/${encodeURIComponent(serviceId)}/versions/${versionNo}/output-preview`, { outputTemplate }, { responseType: 'blob' });

/** `POST /services/:id/versions/:no/publish` */
export const publishServiceVersion = (serviceId: string, versionNo: number, rowVersion: number) =>
  api.post<ServiceVersionView>(`/services/${encodeURIComponent(serviceId)}/versions/${versionNo}/publish`, { rowVersion });
