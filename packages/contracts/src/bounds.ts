import { z } from 'zod';

/**
 * Bounds every number a client sends must keep so that it fits its column: a value over them is a
 * 400 from validation, never a database error (ADR 0010; the hostile-input walk checks it).
 */
export const INT4_MAX = 2_147_483_647;

/** The version of a row a client read, sent back to change it (409 CONFLICT when stale). */
export const RowVersion = z.number().int().min(1).max(INT4_MAX);
