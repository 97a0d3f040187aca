import type * as C from '@dargah/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api, createApiClient } from '../../../lib/api';

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

/** A fetch made with XMLHttpRequest, reporting the upload's progress (0 to 1). */
function xhrFetch(onProgress: (fraction: number) => void): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(
        init?.method ?? 'GET',
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      );
      xhr.withCredentials = true;
      for (const [k, v] of Object.entries((init?.headers ?? {}) as Record<string, string>)) xhr.setRequestHeader(k, v);
      xhr.responseType = 'blob';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        const empty = xhr.status === 204 || xhr.status === 205;
        resolve(new Response(empty ? null : (xhr.response as Blob), { status: xhr.status, headers }));
      };
      xhr.onerror = () => reject(new TypeError('network'));
      xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
      init?.signal?.addEventListener('abort', () => xhr.abort());
      xhr.send((init?.body ?? null) as XMLHttpRequestBodyInit | null);
    });
}

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
