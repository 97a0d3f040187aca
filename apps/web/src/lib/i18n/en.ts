import type { Messages } from './fa';

/** English interface strings; same keys as `fa.ts` (checked by the `Messages` type). */
export const en: Messages = {
  app: {
    name: 'Dargah',
    tagline: 'Government e-services platform',
    pageTitle: '{{page}} | Dargah',
  },
  a11y: {
    skipToContent: 'Skip to main content',
    primaryNav: 'Main navigation',
    menu: 'Menu',
    homeLink: 'Dargah, home page',
  },
  nav: {
    home: 'Home',
    me: 'My services',
    staff: 'Staff workspace',
    admin: 'Administration',
  },
  language: {
    switchTo: 'فارسی',
    switchToCode: 'fa',
  },
  home: {
    title: 'Dargah',
    subtitle: 'One platform for the e-services of executive agencies',
    intro:
      'Dargah is free, open-source software that executive agencies use to deliver their services online to citizens and businesses: from submitting and tracking a request with a tracking code to staff work queues, official correspondence and electronic signatures.',
    intro2:
      'Every action on a case is recorded with who did it and when, and dates are shown in the Solar Hijri calendar for Persian readers.',
    areasTitle: 'Areas of Dargah',
    areas: {
      me: 'Your requests, cases and messages in one place.',
      staff: 'The requests and letters referred to you.',
      admin: 'Agencies, services, roles and platform settings.',
    },
    open: 'Go to {{area}}',
  },
  status: {
    title: 'System status',
    loading: 'Checking the system status…',
    ready: 'The system is ready',
    notReady: 'The system is not ready yet',
    database: 'Database',
    databaseReady: 'Ready',
    databaseNotReady: 'Unavailable',
    databaseKind: {
      embedded: 'Embedded (PGlite)',
      server: 'PostgreSQL server',
    },
    migrations: 'Database schema',
    migrationsCurrent: 'Up to date',
    migrationsPending_one: '{{n}} change waiting to be applied',
    migrationsPending_other: '{{n}} changes waiting to be applied',
    simulators: 'Active simulators',
    simulatorsHelp:
      'National systems that this deployment reaches through a local simulator instead of a live connection.',
    noSimulators: 'No simulator is active.',
    checkedAt: 'Last checked: {{time}}',
    error: 'The system status could not be retrieved.',
    retry: 'Check again',
  },
  signIn: {
    title: 'Sign-in arrives in the next release',
    body: 'User sign-in is not available yet; it is added in the next release of Dargah. Until then this area has nothing to show.',
    backHome: 'Back to the home page',
  },
  me: {
    title: 'My services',
    lead: 'The requests you have submitted, your open cases and messages from agencies appear here.',
  },
  staff: {
    title: 'Staff workspace',
    lead: 'The requests and letters referred to you, ordered by due date.',
    cartable: 'Work queue',
    cartableEmpty: 'Your work queue is empty',
    cartableEmptyBody: 'Once sign-in is available, the items referred to you are listed here.',
  },
  admin: {
    title: 'Administration',
    lead: 'Agencies, services, roles, the holiday calendar and platform settings.',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is no page at “<addr>{{path}}</addr>” in Dargah. The address may be mistyped, or the page may have moved.',
    home: 'Go to the home page',
  },
  footer: {
    about: 'Dargah is free software under the AGPL-3.0 licence.',
    today: 'Today is {{date}}',
  },
  errors: {
    network: 'Could not reach the system. Check your connection and try again.',
    badResponse: 'The system sent a response that could not be read.',
    unexpected: 'An unexpected error occurred. Please try again shortly.',
    requestId: 'Reference: {{id}}',
  },
};
