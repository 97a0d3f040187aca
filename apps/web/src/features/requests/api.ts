import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, ApiError, createApiClient, currentCsrfToken } from '../../lib/api';
import { xhrFetch } from '../../lib/xhrFetch';
import type {
  ApplicantReveal,
  CallCentreDesk,
  CallCentreLookup,
  CallCentreLookupInput,
  DecideRequest,
  DecideWithAnswer,
  LegalBasisOptions,
  RequestAnswer,
  Page,
  PublicTracking,
  RequestView,
  SubmitRequest,
  AskCorrection,
  CorrectionList,
  CorrectionReply,
  PostRequestMessage,
  RequestAttachment,
  RequestMessage,
  PutRequestDraft,
  RequestDocument,
  RequestDraft,
  RequestPrefill,
  RequestUpload,
  ServiceDocument,
} from '../../lib/contracts';

/**
 * The statuses of the workflow templates a service version starts from (ADR 0034), which the screens
 * have words for; a state an edited definition adds shows the server's label (`statusLabel`).
 */
export const REQUEST_STATUSES = [
  'submitted',
  'in_review',
  'awaiting_applicant',
  'approved',
  'rejected',
  'expert_review',
  'manager_signoff',
  'partially_approved',
  'withdrawn',
  'closed',
  'in_person',
  'decision',
] as const;
export type KnownStatus = (typeof REQUEST_STATUSES)[number];

export function isRequestStatus(value: unknown): value is KnownStatus {
  return typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value);
}

/**
 * The request has been decided with an answer (approved, in part, rejected): its signed answer and
 * the applicant's rating follow. From the server's `outcome` (the request's own definition's); a
 * view without one falls back to the simple-approval template's two decided statuses.
 */
export const isDecided = (r: Pick<RequestView, 'status' | 'outcome'>): boolean =>
  r.outcome !== undefined ? r.outcome === 'approved' || r.outcome === 'partial' || r.outcome === 'rejected' : r.status === 'approved' || r.status === 'rejected';

/** The request has ended, with a decision or otherwise (withdrawn, closed unanswered): nothing more is written to it. */
export const isEnded = (r: Pick<RequestView, 'status' | 'outcome'>): boolean => (r.outcome !== undefined ? r.outcome !== null : isDecided(r));

/** The cartable's filter: one status, or `all`; none means the open ones (submitted and in review). */
export type CartableFilter = KnownStatus | 'all';

export function isCartableFilter(value: unknown): value is CartableFilter {
  return value === 'all' || isRequestStatus(value);
}

/**
 * `POST /requests`: submits an application. The idempotency key is made once per submission, so a
 * double click or a retry after a lost answer returns the same request instead of a second one.
 */
export const submitRequest = (body: SubmitRequest, idempotencyKey: string) =>
  api.post<RequestView>('/requests', body, { idempotencyKey });

/** `GET /requests/mine`: the citizen's own requests, newest first, a page at a time. */
export const myRequestsQuery = infiniteQueryOptions({
  queryKey: ['requests', 'mine'],
  queryFn: ({ signal, pageParam }) =>
    api.get<Page<RequestView>>('/requests/mine', { signal, query: { cursor: pageParam } }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

/** `GET /requests/:id`: one request (the applicant's receipt, or a staff member's case view). */
export const requestQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['requests', 'one', requestId],
    queryFn: ({ signal }) => api.get<RequestView>(`/requests/${encodeURIComponent(requestId)}`, { signal }),
  });

/** The request's receipt as a PDF (GET /requests/:id/receipt.pdf): a plain link, the session cookie goes with it. */
export const receiptPdfHref = (requestId: string) => `/api/v1/requests/${encodeURIComponent(requestId)}/receipt.pdf`;

/**
 * `POST /requests/:id/take`: the clerk takes the request to work on it. `version` is the one the
 * page shows: if the request changed since, the server refuses with 409.
 */
export const takeRequest = (requestId: string, version: number | undefined, idempotencyKey: string) =>
  api.post<RequestView>(`/requests/${encodeURIComponent(requestId)}/take`, version === undefined ? {} : { version }, {
    idempotencyKey,
  });

/** `POST /requests/:id/decide`: approve or reject (a rejection gives its reason), at the version shown; issues the same signed answer as `/answer` (ADR 0038). */
export const decideRequest = (
  requestId: string,
  body: DecideRequest & { version?: number | undefined },
  idempotencyKey: string,
) => api.post<RequestView>(`/requests/${encodeURIComponent(requestId)}/decide`, body, { idempotencyKey });

/** `POST /requests/:id/actions/:action`: any action of the request's workflow (refer, invite, record the visit…), at the version shown. */
export const takeWorkflowAction = (
  requestId: string,
  action: string,
  body: { note?: string; version?: number | undefined; documents?: string[] },
  idempotencyKey: string,
) => api.post<RequestView>(`/requests/${encodeURIComponent(requestId)}/actions/${encodeURIComponent(action)}`, body, { idempotencyKey });

/**
 * `POST /requests/:id/applicant/reveal`: the applicant's national code and mobile in full (desk staff
 * of the request's agency). Each call is an audit entry; the answer is kept only in the page.
 */
export const revealApplicant = (requestId: string) =>
  api.post<ApplicantReveal>(`/requests/${encodeURIComponent(requestId)}/applicant/reveal`, {});

/**
 * `POST /requests/track`: public tracking by tracking code and the applicant's national code (no
 * sign-in; limited per address). Called by the /track page's server action as the visitor; a
 * signed-in visitor's write must carry their session's CSRF token, given here explicitly.
 */
export const trackPublicly = (body: { trackingCode: string; nationalCode: string }, csrfToken?: string) =>
  api.post<PublicTracking>('/requests/track', body, csrfToken ? { headers: { 'X-CSRF-Token': csrfToken } } : {});

/** `GET /call-centre`: the agencies the call-centre operator answers for, and the lookups a minute. */
export const callCentreQuery = queryOptions({
  queryKey: ['requests', 'call-centre'],
  queryFn: ({ signal }) => api.get<CallCentreDesk>('/call-centre', { signal }),
});

/** `POST /call-centre/lookups`: a request's status after the caller's identity check (audited). */
export const lookUpForCaller = (body: CallCentreLookupInput) => api.post<CallCentreLookup>('/call-centre/lookups', body);

/** `GET /requests/:id/legal-bases`: what a decision on the request may cite (the service card's legal bases). */
export const legalBasesQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['requests', 'legal-bases', requestId],
    queryFn: ({ signal }) => api.get<LegalBasisOptions>(`/requests/${encodeURIComponent(requestId)}/legal-bases`, { signal }),
  });

/** `GET /requests/:id/answer`: the signed answer, or null while the request has none (404). */
export const answerQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['requests', 'answer', requestId],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<RequestAnswer>(`/requests/${encodeURIComponent(requestId)}/answer`, { signal });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'ANSWER_NOT_FOUND') return null;
        throw error;
      }
    },
  });

/** `POST /requests/:id/answer`: decide with a signed answer (approve, approve in part, reject), at the version shown. */
export const answerRequest = (requestId: string, body: DecideWithAnswer & { version?: number | undefined }, idempotencyKey: string) =>
  api.post<RequestAnswer>(`/requests/${encodeURIComponent(requestId)}/answer`, body, { idempotencyKey });

/** The signed answer's PDF (GET /requests/:id/answer.pdf): a plain link, the session cookie goes with it. */
export const answerPdfHref = (requestId: string) => `/api/v1/requests/${encodeURIComponent(requestId)}/answer.pdf`;

// Interaction during the work: corrections and the request's thread --------------------------------

/** `GET /requests/:id/corrections`: what the agency asked, each field with its value on file. */
export const correctionsQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['requests', 'one', requestId, 'corrections'],
    queryFn: ({ signal }) => api.get<CorrectionList>(`/requests/${encodeURIComponent(requestId)}/corrections`, { signal }),
  });

/** `POST /requests/:id/corrections`: staff ask the applicant for a correction, at the version shown. */
export const askCorrection = (requestId: string, body: AskCorrection, idempotencyKey: string) =>
  api.post<RequestView>(`/requests/${encodeURIComponent(requestId)}/corrections`, body, { idempotencyKey });

/** `POST /requests/:id/corrections/reply`: the applicant's corrected fields (and the documents asked, as attachments). */
export const replyToCorrection = (requestId: string, body: CorrectionReply, idempotencyKey: string) =>
  api.post<RequestView>(`/requests/${encodeURIComponent(requestId)}/corrections/reply`, body, { idempotencyKey });

/** `GET /requests/:id/messages`: the thread, oldest first, a page at a time. */
export const messagesQuery = (requestId: string) =>
  infiniteQueryOptions({
    queryKey: ['requests', 'one', requestId, 'messages'],
    queryFn: ({ signal, pageParam }) =>
      api.get<Page<RequestMessage>>(`/requests/${encodeURIComponent(requestId)}/messages`, { signal, query: { cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** `POST /requests/:id/messages`. */
export const postMessage = (requestId: string, body: PostRequestMessage, idempotencyKey: string) =>
  api.post<RequestMessage>(`/requests/${encodeURIComponent(requestId)}/messages`, body, { idempotencyKey });

/** `POST /requests/:id/attachments`: the file as the body; the server decides its type from the bytes. */
export const uploadAttachment = (requestId: string, file: File) =>
  api.post<RequestAttachment>(`/requests/${encodeURIComponent(requestId)}/attachments`, new Blob([file], { type: file.type || 'application/octet-stream' }), {
    query: { name: file.name },
  });

/** A thread file's address (the session cookie goes with the link). */
export const attachmentHref = (requestId: string, attachmentId: string) =>
  `/api/v1/requests/${encodeURIComponent(requestId)}/attachments/${encodeURIComponent(attachmentId)}`;

// Documents uploaded with a request, server drafts, once-only prefill ---------------------------

/** `GET /services/:id/documents`: the documents the service's approved card asks the applicant to upload. */
export const serviceDocumentsQuery = (serviceId: string) =>
  queryOptions({
    queryKey: ['services', serviceId, 'documents'],
    queryFn: ({ signal }) => api.get<{ items: ServiceDocument[] }>(`/services/${encodeURIComponent(serviceId)}/documents`, { signal }),
  });

/** `POST /request-uploads`: the file as the body, sent with XMLHttpRequest to report its progress (0 to 1); the server decides its type from the bytes. */
export const uploadRequestDocument = (serviceId: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal) =>
  createApiClient({ fetch: xhrFetch(onProgress), csrfToken: currentCsrfToken }).post<RequestUpload>('/request-uploads', new Blob([file], { type: file.type || 'application/octet-stream' }), {
    query: { serviceId, name: file.name.slice(0, 300) },
    ...(signal ? { signal } : {}),
  });

/** `GET /requests/:id/documents`: the documents submitted with a request. */
export const requestDocumentsQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['requests', requestId, 'documents'],
    queryFn: ({ signal }) => api.get<{ items: RequestDocument[] }>(`/requests/${encodeURIComponent(requestId)}/documents`, { signal }),
  });

/** A submitted document's address (the session cookie goes with the link). */
export const requestDocumentHref = (requestId: string, uploadId: string) =>
  `/api/v1/requests/${encodeURIComponent(requestId)}/documents/${encodeURIComponent(uploadId)}`;

/** `GET /me/drafts/:serviceId`: the person's saved draft, or null when there is none. */
export const draftQuery = (serviceId: string) =>
  queryOptions({
    queryKey: ['requests', 'drafts', serviceId],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<RequestDraft>(`/me/drafts/${encodeURIComponent(serviceId)}`, { signal });
      } catch (e) {
        if (e instanceof ApiError && e.code === 'DRAFT_NOT_FOUND') return null;
        throw e;
      }
    },
    staleTime: Infinity,
  });

/** `PUT /me/drafts/:serviceId` at row version `version` (none: the first save). */
export const saveDraft = (serviceId: string, body: PutRequestDraft, version: number | null) =>
  api.put<RequestDraft>(`/me/drafts/${encodeURIComponent(serviceId)}`, body, version === null ? {} : { headers: { 'If-Match': `"${version}"` } });

/** `DELETE /me/drafts/:serviceId`. */
export const discardDraft = (serviceId: string) => api.delete<null>(`/me/drafts/${encodeURIComponent(serviceId)}`);

/** `GET /me/prefill?serviceId=`: known values for the form, each with its source. */
export const prefillQuery = (serviceId: string) =>
  queryOptions({
    queryKey: ['requests', 'prefill', serviceId],
    queryFn: ({ signal }) => api.get<RequestPrefill>('/me/prefill', { signal, query: { serviceId } }),
    staleTime: Infinity,
  });
