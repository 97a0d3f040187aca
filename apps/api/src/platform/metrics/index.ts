export { Metrics, SCRAPE_DB_TIMEOUT_MS } from './metrics';
export { readDatabaseFacts, type DatabaseFacts, type ModuleGauge } from './facts';
