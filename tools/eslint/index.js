// @ts-check
/** Dargah's own lint rules (ADR 0002, ADR 0014): the boundaries between modules, features and workspaces. */
import moduleBoundaries from './module-boundaries.js';
import sqlPlacement from './sql-placement.js';
import tableOwnership from './table-ownership.js';
import webBoundaries from './web-boundaries.js';
import workspaceImports from './workspace-imports.js';

export const rules = {
  'module-boundaries': moduleBoundaries,
  'sql-placement': sqlPlacement,
  'table-ownership': tableOwnership,
  'web-boundaries': webBoundaries,
  'workspace-imports': workspaceImports,
};

export default { meta: { name: 'dargah' }, rules };
