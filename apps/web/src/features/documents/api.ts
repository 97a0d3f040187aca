import type * as C from '@dargah/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

/**
 * Documents (issue 10): the public verification by code or by an uploaded PDF, and in the staff
 * workspace the documents waiting for my signature, a document's record, signing with the PIN, my
 * signing keys and the locked keys an administrator unlocks. The server decides who may do what.
 */

export type DocumentVerification = C.DocumentVerification;
export type DocumentSummary = C.DocumentSummary;
export type DocumentSummaryPage = C.DocumentSummaryPage;
export type DocumentDetail = C.DocumentDetail;
export type SignerKey = C.SignerKey;
export type LockedSignerKey = C.LockedSignerKey;
export type SignerEnrolment = C.SignerEnrolment;
export type SignedDocument = C.SignedDocument;

export const PAGE_SIZE = 20;

/** A typed or scanned verification code as the API reads it (case, spaces and dashes do not matter). */
export const cleanCode = (code: string) => code.replace(/[\s-]/g, '').slice(0, 64);

export const verifyQuery = (code: string) =>
  queryOptions({
    queryKey: ['documents', 'verify', cleanCode(code).toUpperCase()] as const,
    queryFn: ({ signal }) =>
      api.get<DocumentVerification>(`/documents/verify/${encodeURIComponent(cleanCode(code))}`, { signal }),
  });

/** An uploaded PDF, sent as the body (the API's limit: 10 MB). */
export const verifyPdf = (bytes: Uint8Array) =>
  api.post<DocumentVerification>('/documents/verify', new Blob([bytes as BlobPart], { type: 'application/pdf' }), {
    headers: { 'Content-Type': 'application/pdf' },
  });

export const documentsKey = ['documents'] as const;

export const fetchToSign = (cursor: string | undefined, signal?: AbortSignal) =>
  api.get<DocumentSummaryPage>('/documents/to-sign', {
    ...(signal ? { signal } : {}),
    query: { cursor, limit: PAGE_SIZE },
  });

export const documentQuery = (id: string) =>
  queryOptions({
    queryKey: [...documentsKey, 'record', id] as const,
    queryFn: ({ signal }) => api.get<DocumentDetail>(`/documents/${encodeURIComponent(id)}`, { signal }),
  });

export const pdfHref = (id: string, disposition: 'attachment' | 'inline') =>
  `/api/v1/documents/${encodeURIComponent(id)}/pdf?disposition=${disposition}`;

export const signDocument = (id: string, pin: string) =>
  api.post<SignedDocument>(`/documents/${encodeURIComponent(id)}/sign`, { pin });

export const myKeysQuery = queryOptions({
  queryKey: [...documentsKey, 'keys'] as const,
  queryFn: ({ signal }) => api.get<{ items: SignerKey[] }>('/documents/signer-keys', { signal }),
});

export const lockedKeysQuery = queryOptions({
  queryKey: [...documentsKey, 'locked-keys'] as const,
  queryFn: ({ signal }) => api.get<{ items: LockedSignerKey[] }>('/documents/signer-keys/locked', { signal }),
});

export const createKey = (pin: string) => api.post<SignerKey>('/documents/signer-keys', { pin });
export const unlockKey = (id: string) => api.post<SignerKey>(`/documents/signer-keys/${encodeURIComponent(id)}/unlock`);

/** Production signers: my keys awaiting a CA's certificate (with their CSRs), and the imports. */
export const enrolmentsQuery = queryOptions({
  queryKey: [...documentsKey, 'enrolments'] as const,
  queryFn: ({ signal }) => api.get<{ items: SignerEnrolment[] }>('/documents/signer-enrolments', { signal }),
});
/** The CSR's address, for a plain download link (same origin, the session's cookie). */
export const enrolmentCsrUrl = (id: string) => `/api/v1/documents/signer-enrolments/${encodeURIComponent(id)}/csr`;
export const beginEnrolment = (pin: string) => api.post<SignerEnrolment>('/documents/signer-enrolments', { pin });
export const importCertificate = (id: string, certificatePem: string) =>
  api.post<SignerKey>(`/documents/signer-enrolments/${encodeURIComponent(id)}/certificate`, { certificatePem });
export const importPkcs12 = (input: { pkcs12: string; password: string; pin: string }) =>
  api.post<SignerKey>('/documents/signer-keys/pkcs12', input);
