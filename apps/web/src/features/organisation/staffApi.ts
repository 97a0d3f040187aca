import type {
  AdminCapabilities,
  AgencyCapabilities,
  ApiToken,
  ApiTokenCreated,
  Delegation,
  PasswordResetSent,
  StaffCapabilities,
  StaffDetails,
} from '@dargah/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Page, RoleGrantInput, StaffInput, StaffMember } from '../../lib/contracts';

/**
 * Staff administration, delegations, API tokens and the capabilities every screen asks before it
 * offers an action (the server computes them with the rules its operations apply).
 */

export type { AdminCapabilities, AgencyCapabilities, ApiToken, Delegation, StaffCapabilities, StaffDetails };

const id = encodeURIComponent;
/** Everything about one agency's administration is cached under this key (invalidated together). */
export const agencyKey = (agencyId: string) => ['admin', 'agencies', agencyId] as const;
export const staffKey = (staffId: string) => ['admin', 'staff', staffId] as const;

// Capabilities -----------------------------------------------------------------------------------
export const adminCapabilitiesQuery = queryOptions({
  queryKey: ['admin', 'capabilities'],
  queryFn: ({ signal }) => api.get<AdminCapabilities>('/admin/capabilities', { signal }),
});

export const agencyCapabilitiesQuery = (agencyId: string) =>
  queryOptions({
    queryKey: [...agencyKey(agencyId), 'capabilities'],
    queryFn: ({ signal }) => api.get<AgencyCapabilities>(`/agencies/${id(agencyId)}/capabilities`, { signal }),
  });

export const staffCapabilitiesQuery = (staffId: string) =>
  queryOptions({
    queryKey: [...staffKey(staffId), 'capabilities'],
    queryFn: ({ signal }) => api.get<StaffCapabilities>(`/staff/${id(staffId)}/capabilities`, { signal }),
  });

// Staff ------------------------------------------------------------------------------------------
/** The agency's staff by name, `q` searching names and usernames, 25 at a time. */
export const staffPageQuery = (agencyId: string, q: string) =>
  infiniteQueryOptions({
    queryKey: [...agencyKey(agencyId), 'staff', 'pages', q],
    queryFn: ({ signal, pageParam }) =>
      api.get<Page<StaffMember>>(`/admin/agencies/${id(agencyId)}/staff`, {
        signal,
        query: { q: q || undefined, cursor: pageParam, limit: 25 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const staffDetailsQuery = (staffId: string) =>
  queryOptions({
    queryKey: [...staffKey(staffId), 'details'],
    queryFn: ({ signal }) => api.get<StaffDetails>(`/admin/staff/${id(staffId)}`, { signal }),
  });

export interface NewStaff extends StaffInput {
  mobile?: string;
  roles?: RoleGrantInput[];
}

/** The account and its roles in one request: both are created, or neither. */
export const createStaffWithRoles = (agencyId: string, body: NewStaff, idempotencyKey: string) =>
  api.post<StaffDetails>(`/admin/agencies/${id(agencyId)}/staff`, body, { idempotencyKey });

export interface StaffUpdate {
  displayName: string;
  nationalCode?: string;
  email?: string;
  mobile?: string;
  oidcSubject?: string;
  version: number;
}
export const updateStaff = (staffId: string, body: StaffUpdate) =>
  api.put<StaffDetails>(`/admin/staff/${id(staffId)}`, body);

export const grantStaffRole = (staffId: string, body: RoleGrantInput) =>
  api.post<StaffDetails>(`/admin/staff/${id(staffId)}/roles`, body);
/** `DELETE /admin/staff/:id/roles` with the grant in the body (the client's `delete` sends none). */
export const revokeStaffRole = (staffId: string, body: RoleGrantInput) =>
  api.requestJson<StaffDetails>(`/api/v1/admin/staff/${id(staffId)}/roles`, { method: 'DELETE', body });

export type AccountAction = 'deactivate' | 'reactivate' | 'unlock';
export const accountAction = (staffId: string, action: AccountAction) =>
  api.post<StaffDetails>(`/admin/staff/${id(staffId)}/${action}`, {});

/** Sends the staff member a one-time code by SMS; the answer says where (masked) and until when. */
export const sendPasswordReset = (staffId: string) =>
  api.post<PasswordResetSent>(`/admin/staff/${id(staffId)}/password-reset`, {});

/** The staff member's side, on the public page: the code they received and a new password. */
export const resetPassword = (code: string, password: string) =>
  api.post<{ reset: true }>('/auth/staff/reset-password', { code, password });

// Delegation -------------------------------------------------------------------------------------
export const staffDelegationsQuery = (staffId: string) =>
  queryOptions({
    queryKey: [...staffKey(staffId), 'delegations'],
    queryFn: ({ signal }) => api.get<Delegation[]>('/admin/delegations', { signal, query: { staffId } }),
  });

export interface DelegationInput {
  principalId: string;
  delegateId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}
export const createDelegation = (body: DelegationInput, idempotencyKey: string) =>
  api.post<Delegation>('/admin/delegations', body, { idempotencyKey });
export const endDelegation = (delegationId: string) =>
  api.post<Delegation>(`/admin/delegations/${id(delegationId)}/revoke`, {});

// API tokens -------------------------------------------------------------------------------------
export const apiTokensQuery = (agencyId: string) =>
  queryOptions({
    queryKey: [...agencyKey(agencyId), 'api-tokens'],
    queryFn: ({ signal }) => api.get<ApiToken[]>('/admin/api-tokens', { signal, query: { agencyId } }),
  });

/** The answer carries the secret: the only time it is shown. */
export const issueApiToken = (body: { agencyId: string; name: string; scopes: string[] }) =>
  api.post<ApiTokenCreated>('/admin/api-tokens', body);
export const revokeApiToken = (tokenId: string) => api.post<ApiToken>(`/admin/api-tokens/${id(tokenId)}/revoke`, {});
