import { z } from 'zod';

/*
 * Card import (issue 4, §7): an agency uploads its existing service identity cards as a CSV or
 * XLSX file (the raw file as the request body). Every row is checked like a submitted card; the
 * import applies completely or answers 422 IMPORT_INVALID with `details.problems` listing every
 * problem by row and column, changing nothing.
 */

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** Content types the import accepts as the request body. */
export const IMPORT_CONTENT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Largest file accepted (IMPORT_FILE_TOO_LARGE above it). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Most data rows accepted in one file (IMPORT_TOO_MANY_ROWS above it). */
export const IMPORT_MAX_ROWS = 2000;

/**
 * One problem of an import: the spreadsheet row (the header is row 1), the column as its header
 * reads in the file (or the expected header when the column is missing) and its letter (A, B, … AA;
 * null when the column is missing), the card field, a stable code and a message in the caller's language.
 */
export const ImportProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  columnLetter: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportQuery = z.object({
  agencyId: z.uuid(),
  /** true: only check the file. */
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The uploaded file's name, kept with the import. */
  fileName: z.string().min(1).max(255).optional(),
});

/** A dry run of a good file: what would be created. */
export const ImportCheck = z.object({
  dryRun: z.literal(true),
  format: ImportFormat,
  rowCount: z.number().int(),
  cards: z.array(z.object({ row: z.number().int(), title: z.string() })),
});
export type ImportCheck = z.infer<typeof ImportCheck>;

export const CardImport = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  fileSha256: z.string(),
  fileName: z.string().nullable(),
  fileBytes: z.number().int(),
  format: ImportFormat,
  rowCount: z.number().int(),
  /** The draft cards created, in row order. */
  cardIds: z.array(z.uuid()),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime(),
  /** This file had already been imported by the agency: the earlier import, nothing new created. */
  alreadyImported: z.boolean(),
});
export type CardImport = z.infer<typeof CardImport>;

export const ImportResult = z.union([CardImport, ImportCheck]);
export type ImportResult = z.infer<typeof ImportResult>;
