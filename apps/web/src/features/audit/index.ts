/** What other features may use of the audit log: the chain's status card and the latest entries (the staff home), the pages and the strings. */
export { ChainStatusCard } from './components/ChainStatusCard';
export { LatestEntries } from './components/LatestEntries';
export { messages } from './messages';
export { auditRoutes } from './routes';
