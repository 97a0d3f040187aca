import rule from './web-boundaries.js';
import { at, tester } from './tester';

const w = (rel: string) => at(`apps/web/src/${rel}`);

// Feature names the temporary allow-list does not mention (letters, cases), so each case shows the rule itself.
tester.run('web-boundaries', rule, {
  valid: [
    { filename: w('features/letters/routes/LetterPage.tsx'), code: "import { x } from '../../cases';" },
    { filename: w('features/letters/routes/LetterPage.tsx'), code: "import { x } from '../../cases/index';" },
    {
      filename: w('features/letters/routes/LetterPage.tsx'),
      code: "import { x } from '../components/LetterCard'; import { api } from '../api';",
    },
    {
      filename: w('features/letters/routes/LetterPage.tsx'),
      code: "import { Notice } from '../../../components/Notice'; import { fmt } from '../../../lib/format';",
    },
    { filename: w('features/letters/routes.tsx'), code: "import { staffAreaRoute } from '../../app/areas';" },
    { filename: w('features/letters/routes/LetterPage.tsx'), code: "const c = await import('@/features/cases');" },
    { filename: w('app/router.tsx'), code: "import { letterRoutes } from '../features/letters/routes';" },
    {
      filename: w('app/i18n.ts'),
      code: "import { fa, en } from '../features/letters/messages'; import { x } from '../features/cases';",
    },
    { filename: w('main.tsx'), code: "import { x } from './features/letters';" },
    {
      filename: w('lib/format.ts'),
      code: "import { toPersianDigits } from '@dargah/persian'; import { x } from './api';",
    },
    { filename: w('components/Notice.tsx'), code: "import { icons } from './icons'; import { t } from '../lib/i18n';" },
    // Tests may reach what they test.
    { filename: w('features/letters/api.test.ts'), code: "import { x } from '../cases/api';" },
  ],
  invalid: [
    {
      filename: w('features/letters/routes/LetterPage.tsx'),
      code: "import { x } from '../../cases/components/CaseCard';",
      errors: [{ messageId: 'feature' }],
    },
    {
      filename: w('features/letters/routes/LetterPage.tsx'),
      code: "import { x } from '../../cases/api';",
      errors: [{ messageId: 'feature' }],
    },
    {
      filename: w('features/letters/routes/LetterPage.tsx'),
      code: "import { fa } from '../../cases/messages';",
      errors: [{ messageId: 'feature' }],
    },
    {
      filename: w('features/letters/routes/LetterPage.tsx'),
      code: "export { x } from '../../cases/api';",
      errors: [{ messageId: 'feature' }],
    },
    {
      filename: w('features/letters/routes/LetterPage.tsx'),
      code: "const p = lazy(() => import('../../cases/routes/CasePage'));",
      errors: [{ messageId: 'feature' }],
    },
    {
      filename: w('features/letters/routes/LetterPage.tsx'),
      code: "import { x } from '@/features/cases/api';",
      errors: [{ messageId: 'feature' }],
    },
    {
      filename: w('features/letters/routes/LetterPage.tsx'),
      code: "import type { X } from '~/features/cases/api';",
      errors: [{ messageId: 'feature' }],
    },
    {
      filename: w('app/router.tsx'),
      code: "import { LetterPage } from '../features/letters/routes/LetterPage';",
      errors: [{ messageId: 'app' }],
    },
    {
      filename: w('app/areas.tsx'),
      code: "import { useSession } from '../features/letters/session';",
      errors: [{ messageId: 'app' }],
    },
    {
      filename: w('app/router.tsx'),
      code: "const p = lazy(() => import('../features/letters/routes/LetterPage'));",
      errors: [{ messageId: 'app' }],
    },
    {
      filename: w('lib/i18n/all.ts'),
      code: "import { fa } from '../../features/letters/messages';",
      errors: [{ messageId: 'shared' }],
    },
    {
      filename: w('lib/format.ts'),
      code: "import { x } from '../features/letters';",
      errors: [{ messageId: 'shared' }],
    },
    {
      filename: w('components/Notice.tsx'),
      code: "import { useSession } from '../features/letters/session';",
      errors: [{ messageId: 'shared' }],
    },
    {
      filename: w('components/Notice.tsx'),
      code: "import { areas } from '../app/areas';",
      errors: [{ messageId: 'shared' }],
    },
  ],
});
