import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import plugin from './module-boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2023, sourceType: 'module' } });
const rule = plugin.rules['module-boundaries'];
const api = '/repo/apps/api/src';

tester.run('module-boundaries', rule, {
  valid: [
    { filename: `${api}/modules/requests/requests.service.ts`, code: "import { x } from '../catalogue';" },
    { filename: `${api}/modules/requests/requests.service.ts`, code: "import { x } from '../catalogue/index';" },
    { filename: `${api}/modules/requests/requests.routes.ts`, code: "import { x } from './requests.service';" },
    { filename: `${api}/modules/requests/requests.service.ts`, code: "import { x } from './requests.repository'; import { w } from './requests-workflow';" },
    { filename: `${api}/modules/requests/requests.service.ts`, code: "import { db } from '../../platform/db';" },
    { filename: `${api}/modules/requests/requests.service.ts`, code: "import { job } from './requests.jobs';" },
    { filename: `${api}/modules/requests/requests.jobs.ts`, code: "import { find } from './requests.repository';" },
    { filename: `${api}/platform/http/plugin.ts`, code: "import { x } from '../db';" },
    { filename: '/repo/packages/contracts/src/a.ts', code: "import { x } from '@dargah/persian';" },
  ],
  invalid: [
    { filename: `${api}/modules/requests/requests.jobs.ts`, code: "import { x } from './requests.service';", errors: [{ messageId: 'layer' }] },
    { filename: `${api}/modules/requests/requests.service.ts`, code: "import { x } from '../catalogue/catalogue.repository';", errors: [{ messageId: 'deepImport' }] },
    { filename: `${api}/platform/jobs/jobs.ts`, code: "import { x } from '../../modules/requests';", errors: [{ messageId: 'platformToModule' }] },
    { filename: `${api}/modules/requests/requests.repository.ts`, code: "import { x } from './requests.service';", errors: [{ messageId: 'layer' }] },
    { filename: `${api}/modules/requests/requests.service.ts`, code: "import { x } from './requests.routes';", errors: [{ messageId: 'layer' }] },
    { filename: `${api}/modules/requests/requests-workflow.ts`, code: "import { db } from '../../platform/db';", errors: [{ messageId: 'pureWorkflow' }] },
    { filename: '/repo/packages/persian/src/a.ts', code: "import { x } from '@dargah/contracts';", errors: [{ messageId: 'pkg' }] },
    { filename: '/repo/packages/contracts/src/a.ts', code: "import { x } from '@dargah/api';", errors: [{ messageId: 'pkg' }] },
    { filename: '/repo/apps/web/src/a.tsx', code: "import { x } from '@dargah/api';", errors: [{ messageId: 'pkg' }] },
  ],
});
