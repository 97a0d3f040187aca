import type { AppModule } from '../../platform/module';
import { operationsRoutes } from './operations.routes';

/** Operations: the write probe, audit-chain verification and job administration. */
export const operationsModule: AppModule = { name: 'operations', register: operationsRoutes, errors: [] };
