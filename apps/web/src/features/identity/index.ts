/**
 * What other features and the app may use of identity (sign-in, sessions, the citizen's profile):
 * the session and who may do what, the session's components, the sign-in pages and the strings.
 */
export { profileQuery, sessionQuery, updateProfile } from './api';
export { ActingForBanner } from './components/ActingForBanner';
export { SessionControls } from './components/SessionControls';
export { SessionGate } from './components/SessionGate';
export { messages } from './messages';
export { identityRoutes } from './routes';
export { areasOf, hasRole, isAdmin, linkedAreas, storeSession, useSession } from './session';
