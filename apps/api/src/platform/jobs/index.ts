export * from './jobs';
export * from './jobs.repository';
