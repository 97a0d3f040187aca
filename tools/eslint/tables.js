// @ts-check
/**
 * Which module owns which table (docs/ARCHITECTURE.md, "The modules, what they own and what they
 * offer"): the one place the `table-ownership` rule reads. A module's code names only its own
 * tables and the platform's; another module's facts come through the owner's index.ts.
 * `tables.test.ts` checks that every table the migrations create is listed here exactly once.
 *
 * @type {Readonly<Record<string, readonly string[]>>}
 */
export const TABLES = {
  identity: [
    'citizens',
    'company_representatives',
    'otp_challenges',
    'sessions',
    'api_tokens',
    'citizen_email_challenges',
  ],
  organisation: ['agencies', 'org_units', 'staff', 'role_assignments', 'delegations', 'staff_password_resets'],
  laws: ['laws', 'agency_missions'],
  catalogue: [
    'service_cards',
    'service_card_versions',
    'catalogue_entries',
    'card_imports',
    'card_reminders',
    'card_notifications',
  ],
  'service-architecture': ['service_domains', 'service_layers', 'service_categories', 'service_marks'],
  licences: ['licences', 'licence_prerequisites'],
  offices: ['service_offices', 'office_services', 'office_operators'],
  channels: ['channel_consents', 'request_channels', 'postal_dispatches'],
  'delivery-reports': ['delivery_reports', 'delivery_report_rows'],
  services: ['services', 'service_versions'],
  requests: ['service_requests', 'cartable_claims', 'request_internal_notes', 'request_corrections', 'request_messages', 'request_attachments', 'request_answers', 'request_uploads', 'request_drafts', 'request_timer_firings'],
  feedback: ['request_feedback'],
  operations: ['write_probes'],
  audit: ['audit_verifications'],
  calendar: ['holiday_years', 'holidays', 'local_closures'],
  documents: ['documents', 'document_signatures', 'signer_keys', 'document_signing_sessions'],
  payments: ['payments'],
};

/**
 * The platform's tables (platform/: events, the audit chains, jobs, the outbox, rate limits, blobs,
 * the simulated registries): any module may use them through platform/ and its SQL may name them.
 */
export const PLATFORM_TABLES = [
  'attempt_throttles',
  'audit_chains',
  'audit_checkpoints',
  'audit_entries',
  'audit_head',
  'audit_intake',
  'blobs',
  'events',
  'idempotency_keys',
  'job_attempts',
  'jobs',
  'mobile_registry_simulator',
  'notification_preferences',
  'notifications',
  'number_sequences',
  'payment_simulator_transactions',
  'pki_crls',
  'pki_test_authorities',
  'rate_limit_counters',
  'sms_outbox',
];

/** table -> owning module */
export const OWNER = new Map(Object.entries(TABLES).flatMap(([m, ts]) => ts.map((t) => [t, m])));
