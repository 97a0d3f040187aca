/**
 * What other features and the app may use of the organisation (agencies, units, staff, roles): the
 * agencies an administrator sees, the administration area's layout, the pages and the strings.
 */
export { adminAgenciesQuery } from './api';
export { messages } from './messages';
export { AdminAreaLayout, organisationRoutes } from './routes';
