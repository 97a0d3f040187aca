/**
 * What other features may use of services (a service's page and its application form): the public
 * agency list, a service, its form's answers in words, the portal's service list, the pages and the strings.
 */
export { agenciesQuery, agencyName, serviceQuery } from './api';
export { ServiceCatalogue } from './components/ServiceCatalogue';
export { displayAnswer, formModelFromSchema } from './formSchema';
export { LazyDeskForm } from './form/lazy';
export type { DeskFormProps, FormData as DeskFormData } from './form/DeskForm';
export { messages } from './messages';
export { serviceRoutes } from './routes';
