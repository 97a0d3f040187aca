/*
 * What the organisation's administration changes of identity's rows, in the caller's transaction:
 * the agencies' API tokens (issued, listed, revoked), a staff member's sessions (ended when the
 * account is deactivated), passwords (hashed and checked against the rules), and the names of
 * citizens and agency systems for the people directory.
 */
export { apiTokensNamed, citizenIdsMatching, citizensByIds, findApiToken, insertApiToken, listApiTokensIn, revokeAllSessions, revokeApiToken } from './identity.repository';
export type { ApiTokenRow, CitizenRow } from './identity.repository';
export { apiTokenSecret, hashPassword, sha256 } from './auth.service';
export { apiClientMay, passwordProblem } from './identity.policy';
