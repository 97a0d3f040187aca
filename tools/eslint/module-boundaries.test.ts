import rule from './module-boundaries.js';
import { at, tester } from './tester';

const m = (rel: string) => at(`apps/api/src/modules/${rel}`);

tester.run('module-boundaries', rule, {
  valid: [
    // Another module through its index.ts, in every import form.
    { filename: m('requests/requests.service.ts'), code: "import { x } from '../catalogue';" },
    { filename: m('requests/requests.service.ts'), code: "import { x } from '../catalogue/index';" },
    {
      filename: m('requests/requests.service.ts'),
      code: "import { x } from '@dargah/api/src/modules/catalogue/index';",
    },
    { filename: m('requests/requests.service.ts'), code: "const c = await import('../catalogue');" },
    // Down the ranks inside a module.
    { filename: m('requests/requests.routes.ts'), code: "import { x } from './requests.service';" },
    {
      filename: m('requests/requests.routes.ts'),
      code: "import { x } from './requests.schemas'; import { e } from './requests.errors';",
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "import { x } from './requests.repository'; import { w } from './requests-workflow';",
    },
    { filename: m('requests/requests.service.ts'), code: "import { db } from '../../platform/db';" },
    {
      filename: m('requests/requests.service.ts'),
      code: "import { job } from './requests.jobs'; import { p } from './requests.policy';",
    },
    { filename: m('requests/requests.service.ts'), code: "import { y } from './other.service';" },
    { filename: m('requests/requests.jobs.ts'), code: "import { find } from './requests.repository';" },
    { filename: m('catalogue/reports.export.ts'), code: "import type { Row } from './reports.repository';" },
    {
      filename: m('catalogue/index.ts'),
      code: "export { catalogueRoutes } from './catalogue.routes'; export * from './catalogue.service';",
    },
    // Pure files: packages, pure files of the module, and types from anywhere.
    {
      filename: m('requests/requests-workflow.ts'),
      code: "import { RequestStatus } from '@dargah/contracts'; import { digits } from '@dargah/persian';",
    },
    {
      filename: m('requests/tracking-code.model.ts'),
      code: "import { randomInt } from 'node:crypto'; import { s } from './requests-workflow';",
    },
    // The workflow engine is pure: module workflows run on it, and it keeps to itself and packages.
    { filename: m('requests/requests-workflow.ts'), code: "import * as workflow from '../../platform/workflow';" },
    {
      filename: at('apps/api/src/platform/workflow/engine.ts'),
      code: "import { z } from 'zod'; import { x } from './definition'; import type { Db } from '../db';",
    },
    {
      filename: m('requests/request-people.model.ts'),
      code: "import type { Party } from '../identity'; import type { Db } from '../../platform/db';",
    },
    // Tests, seed data and the test harness build fixtures from a module's internals.
    {
      filename: m('requests/requests.test.ts'),
      code: "import { x } from '../catalogue/catalogue.repository'; import { y } from './requests.routes';",
    },
    {
      filename: at('apps/api/src/seed/demo.ts'),
      code: "import * as r from '../modules/identity/identity.repository';",
    },
    {
      filename: at('apps/api/test/factories.ts'),
      code: "import * as r from '../src/modules/identity/identity.repository';",
    },
    // The composition root and the app compose modules through their index.ts.
    { filename: at('apps/api/src/modules/index.ts'), code: "import { audit } from './audit';" },
    {
      filename: at('apps/api/src/app.ts'),
      code: "import { modules } from './modules'; import { r } from './modules/requests';",
    },
    { filename: at('apps/api/src/platform/http/plugin.ts'), code: "import { x } from '../db';" },
    // Outside the API the rule has nothing to say.
    { filename: at('apps/web/src/app/App.tsx'), code: "import { x } from '../features/a/b';" },
  ],
  invalid: [
    { filename: m('requests/helpers.ts'), code: 'export const x = 1;', errors: [{ messageId: 'noRole' }] },
    {
      filename: m('catalogue/card-actions.ts'),
      code: "import * as repo from './catalogue.repository';",
      errors: [{ messageId: 'noRole' }],
    },
    // Up the ranks.
    {
      filename: m('requests/requests.jobs.ts'),
      code: "import { x } from './requests.service';",
      errors: [{ messageId: 'rank' }],
    },
    {
      filename: m('requests/requests.repository.ts'),
      code: "import { x } from './requests.service';",
      errors: [{ messageId: 'rank' }],
    },
    {
      filename: m('requests/requests.repository.ts'),
      code: "import type { X } from './requests.policy';",
      errors: [{ messageId: 'rank' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "import { x } from './requests.routes';",
      errors: [{ messageId: 'rank' }],
    },
    {
      filename: m('requests/requests.policy.ts'),
      code: "import { x } from './requests.repository';",
      errors: [{ messageId: 'never' }],
    },
    {
      filename: m('requests/requests.errors.ts'),
      code: "import { x } from './requests.schemas';",
      errors: [{ messageId: 'rank' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "export { x } from './requests.routes';",
      errors: [{ messageId: 'rank' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "const r = await import('./requests.routes');",
      errors: [{ messageId: 'rank' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "import { x } from '@dargah/api/src/modules/requests/requests.routes';",
      errors: [{ messageId: 'rank' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "import { x } from '@/modules/requests/requests.routes';",
      errors: [{ messageId: 'rank' }],
    },
    // Routes and hooks never import a repository, whatever the ranks say.
    {
      filename: m('requests/requests.routes.ts'),
      code: "import { find } from './requests.repository';",
      errors: [{ messageId: 'never' }],
    },
    {
      filename: m('identity/auth.hooks.ts'),
      code: "import * as repo from './identity.repository';",
      errors: [{ messageId: 'never' }],
    },
    // Pure files.
    {
      filename: at('apps/api/src/platform/workflow/engine.ts'),
      code: "import { withTransaction } from '../db';",
      errors: [{ messageId: 'purePlatform' }],
    },
    {
      filename: m('requests/requests-workflow.ts'),
      code: "import { clock } from '../../platform/clock';",
      errors: [{ messageId: 'pure' }],
    },
    {
      filename: m('requests/requests-workflow.ts'),
      code: "import { db } from '../../platform/db';",
      errors: [{ messageId: 'pure' }],
    },
    {
      filename: m('requests/tracking-code.model.ts'),
      code: "import { find } from './requests.repository';",
      errors: [{ messageId: 'pure' }],
    },
    {
      filename: m('requests/request-people.model.ts'),
      code: "import { findPeople } from '../identity';",
      errors: [{ messageId: 'pure' }],
    },
    // Another module's internals, in every import form.
    {
      filename: m('requests/requests.service.ts'),
      code: "import { x } from '../catalogue/catalogue.repository';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "export * from '../catalogue/catalogue.service';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "const c = await import('../catalogue/catalogue.service');",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "const c = require('../catalogue/catalogue.service');",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "import c = require('../catalogue/catalogue.service');",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "type C = typeof import('../catalogue/catalogue.service');",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "import { x } from '@dargah/api/src/modules/catalogue/catalogue.repository';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "import { x } from '@/modules/catalogue/catalogue.repository';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: at('apps/api/src/app.ts'),
      code: "import { x } from './modules/catalogue/catalogue.routes';",
      errors: [{ messageId: 'deepImport' }],
    },
    // The composition root and platform/ stay out of the modules' way.
    // (a module the temporary allow-list does not name: today's index.ts files are excused until issue 9 item 1)
    {
      filename: m('letters/index.ts'),
      code: "import type { AppModule } from '..';",
      errors: [{ messageId: 'compositionRoot' }],
    },
    {
      filename: m('requests/requests.routes.ts'),
      code: "import { areas } from '../index';",
      errors: [{ messageId: 'compositionRoot' }],
    },
    {
      filename: at('apps/api/src/platform/jobs/jobs.ts'),
      code: "import { x } from '../../modules/requests';",
      errors: [{ messageId: 'platformToModule' }],
    },
  ],
});
