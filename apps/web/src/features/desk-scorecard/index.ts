/** The desk-scorecard feature's public surface: its page and its strings. */
export { messages } from './messages';
export { deskScorecardRoutes } from './routes';
