import type * as C from '@dargah/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api, createApiClient } from '../../../lib/api';
import { xhrFetch } from '../../../lib/xhrFetch';

/**
 * Card import: the file itself is the request body (text/csv or the XLSX type). Uploads go
 * through XMLHttpRequest so the page can show their progress; the answer is read by the app's
 * usual client (error envelope, language, CSRF token).
 */

export type CardImport = C.CardImport;
export type ImportCheck = C.ImportCheck;
export type ImportProblem = C.ImportProblem;

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const TEMPLATE_CSV = '/api/v1/catalogue/imports/template.csv';
export const TEMPLATE_XLSX = '/api/v1/catalogue/imports/template.xlsx';
export const IMPORTS_PAGE = 20;

/** The format of a chosen file, from its name (browsers disagree on the types they report). */
export function formatOf(file: File): 'csv' | 'xlsx' | undefined {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.xlsx')) return 'xlsx';
  return undefined;
}

const CONTENT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export interface UploadOptions {
  agencyId: string;
  dryRun: boolean;
  csrfToken: string | undefined;
  idempotencyKey?: string;
  onProgress: (fraction: number) => void;
}

/** POST /catalogue/imports with the file as the body: a check (dry run) or the import itself. */
export function uploadImport(file: File, format: 'csv' | 'xlsx', o: UploadOptions): Promise<CardImport | ImportCheck> {
  const client = createApiClient({ fetch: xhrFetch(o.onProgress), csrfToken: () => o.csrfToken });
  return client.post<CardImport | ImportCheck>('/catalogue/imports', file, {
    query: { agencyId: o.agencyId, dryRun: o.dryRun, fileName: file.name.slice(0, 255) },
    headers: { 'Content-Type': CONTENT_TYPES[format] },
    ...(o.idempotencyKey ? { idempotencyKey: o.idempotencyKey } : {}),
  });
}

export const isCheck = (r: CardImport | ImportCheck): r is ImportCheck => 'dryRun' in r;

export const importsKey = ['catalogue', 'imports'] as const;
export const importsQuery = (agencyId: string) =>
  queryOptions({
    queryKey: [...importsKey, agencyId],
    queryFn: ({ signal }) =>
      api.get<CardImport[]>('/catalogue/imports', { signal, query: { agencyId, limit: IMPORTS_PAGE } }),
    enabled: Boolean(agencyId),
  });
