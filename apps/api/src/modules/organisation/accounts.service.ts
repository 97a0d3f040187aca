/*
 * What identity reads of the organisation to sign staff in and resolve their sessions, in the
 * caller's transaction: the staff account, its grants and the delegations it acts under, the
 * agency tree (to expand grants to sub-agencies), the sign-in streak, and the e-mail on file.
 */
export { STAFF_LOGIN_BUCKET, activeDelegationsFor, descendantAgencyIds, findAgency, findStaff, findStaffByOidcSubject, findStaffByUsername, resetLoginFailures, roleGrants, } from './organisation.repository';
export type { StaffRow } from './organisation.repository';
