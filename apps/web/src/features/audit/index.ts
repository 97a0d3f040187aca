/** What other features may use of the audit log: the chain's status card and the latest entries (the staff home). */
export { ChainStatusCard } from './components/ChainStatusCard';
export { LatestEntries } from './components/LatestEntries';
