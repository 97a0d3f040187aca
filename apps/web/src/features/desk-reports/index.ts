/** The desk-reports feature's public surface: its pages and its strings. */
export { messages } from './messages';
export { deskReportRoutes } from './routes';
