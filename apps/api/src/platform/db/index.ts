export * from './database';
export * from './lockfile';
export * from './migrate';
export * from './transaction';
export * from './errors';
export * from './values';
export * from './replica';
