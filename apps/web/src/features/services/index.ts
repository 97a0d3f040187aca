/**
 * What other features may use of services (a service's page and its application form): the public
 * agency list, a service, its form's answers in words, the portal's service list, the pages and the strings.
 */
export { agenciesQuery, agencyName, serviceQuery } from './api';
export { ServiceCatalogue } from './components/ServiceCatalogue';
export { displayAnswer, formModelFromSchema, formPayload, initialValues, validateValues } from './formSchema';
export type { FormValues } from './formSchema';
/** The form renderer, for forms filled in for someone else (a counter office, an in-person desk: the channels feature). */
export { SchemaFields, fieldDomId, useProblemText } from './components/SchemaFields';
export { messages } from './messages';
export { serviceRoutes } from './routes';
