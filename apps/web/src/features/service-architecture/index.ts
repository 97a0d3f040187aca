/** The service-architecture feature's public surface: its pages and its strings (nothing else is used by other features). */
export { messages } from './messages';
export { serviceArchitectureRoutes } from './routes';
