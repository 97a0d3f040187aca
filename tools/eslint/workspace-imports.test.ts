import rule from './workspace-imports.js';
import { at, tester } from './tester';

tester.run('workspace-imports', rule, {
  valid: [
    {
      filename: at('packages/contracts/src/a.ts'),
      code: "import { x } from '@dargah/persian'; import { y } from './b';",
    },
    {
      filename: at('apps/web/src/lib/a.ts'),
      code: "import { x } from '@dargah/contracts'; import { y } from '@dargah/persian';",
    },
    { filename: at('apps/api/src/app.ts'), code: "import { x } from '@dargah/contracts'; import z from 'zod';" },
    { filename: at('bench/audit-chains.ts'), code: "import { audit } from '@dargah/api/platform/audit';" },
    {
      filename: at('apps/api/src/modules/requests/requests.service.ts'),
      code: "import { x } from '../../platform/db'; import { t } from '../../../test/app';",
    },
    { filename: at('e2e/journeys/a.test.ts'), code: "import { x } from '../support/fixtures';" },
  ],
  invalid: [
    {
      filename: at('bench/a.ts'),
      code: "import { db } from '../apps/api/src/platform/db';",
      errors: [{ messageId: 'byPath' }],
    },
    {
      filename: at('e2e/a.ts'),
      code: "const f = await import('../apps/api/test/factories');",
      errors: [{ messageId: 'byPath' }],
    },
    {
      filename: at('apps/api/src/a.ts'),
      code: "import { x } from '../../../packages/contracts/src/areas';",
      errors: [{ messageId: 'byPath' }],
    },
    {
      filename: at('apps/api/src/modules/a/a.test.ts'),
      code: "import { fa } from '../../../../web/src/features/x/messages';",
      errors: [{ messageId: 'byPath' }],
    },
    {
      filename: at('apps/api/src/a.ts'),
      code: "export * from '@dargah/contracts/src/areas';",
      errors: [{ messageId: 'unpublished' }],
    },
    {
      filename: at('bench/a.ts'),
      code: "import { x } from '@dargah/api/src/modules/catalogue/catalogue-public.repository';",
      errors: [{ messageId: 'unpublished' }],
    },
    {
      filename: at('apps/web/src/a.tsx'),
      code: "import { x } from '../../api/src/platform/db';",
      errors: [{ messageId: 'pkg' }],
    },
    {
      filename: at('apps/web/src/a.tsx'),
      code: "import type { X } from '@dargah/api';",
      errors: [{ messageId: 'pkg' }],
    },
    {
      filename: at('packages/persian/src/a.ts'),
      code: "import { x } from '@dargah/contracts';",
      errors: [{ messageId: 'pkg' }],
    },
    {
      filename: at('packages/contracts/src/a.ts'),
      code: "import { x } from '@dargah/api';",
      errors: [{ messageId: 'pkg' }],
    },
    {
      filename: at('packages/contracts/src/a.ts'),
      code: "import { x } from '../../../apps/api/src/config';",
      errors: [{ messageId: 'pkg' }],
    },
  ],
});
