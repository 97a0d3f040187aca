import { z } from 'zod';

/** Every failed API response: a stable code, a message in the caller's language, details, the request id. */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** A field-level problem inside `details.fields` of VALIDATION_FAILED. */
export const FieldProblem = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
  /** Where in the field's text, for a problem inside a text (an output template's placeholder): the UTF-16 offset, line and column from 1. */
  at: z.object({ offset: z.number().int(), line: z.number().int(), column: z.number().int() }).optional(),
});
export type FieldProblem = z.infer<typeof FieldProblem>;

/** GET /readyz */
export const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: z.object({ ok: z.boolean(), kind: z.enum(['embedded', 'server']), error: z.string().optional() }),
    migrations: z.object({ ok: z.boolean(), pending: z.array(z.string()) }),
    /** Load shedding is on and the process is refusing requests (503 OVERLOADED) for now. */
    load: z.object({ ok: z.boolean() }).optional(),
    /**
     * The read replica (DATABASE_READ_URL) when one is configured: where reads that may lag go now,
     * and why the primary serves them when it does. A replica down does not make the app unready.
     */
    replica: z
      .object({
        ok: z.boolean(),
        serving: z.enum(['replica', 'primary']),
        lagSeconds: z.number().nullable(),
        maxLagSeconds: z.number(),
        reason: z.string().optional(),
      })
      .optional(),
  }),
  simulators: z.array(z.string()),
});
export type Readiness = z.infer<typeof Readiness>;

export * from './identity';
export * from './requests';
export * from './catalogue';
export * from './code-labels';
export * from './card-required';
export * from './answer-template';
export * from './catalogue-architecture';
export * from './licences';
export * from './catalogue-import';
export * from './catalogue-reports';
export * from './staff-admin';
export * from './request-people';
export * from './request-interaction';
export * from './request-uploads';
export * from './payments';
export * from './form-formats';
export * from './bounds';
export * from './areas';
export * from './homes';
export * from './audit';
export * from './workflow-definition';
export * from './audit-chain';
export * from './notifications';
export * from './citizen-email';
export * from './review';
export * from './desk';
export * from './service-versions';
export * from './documents';
export * from './signers';
export * from './documents-inbox';
export * from './pages';
export * from './offices';
export * from './calendar';
export * from './desk-reports';
export * from './desk-scorecard';
export * from './tracking';
export * from './request-answers';
export * from './channels';
