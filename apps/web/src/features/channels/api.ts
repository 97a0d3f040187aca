import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { ConsentChallenge, ConsentStart, CounterDesk, CounterWorkPage, PostalChoice, PostalRetry, RequestChannelView, RequestView, WalkInDesk } from '../../lib/contracts';

/** `GET /counter`: the counter operator's office and the services delegated to it. */
export const counterDeskQuery = queryOptions({ queryKey: ['channels', 'counter'], queryFn: ({ signal }) => api.get<CounterDesk>('/counter', { signal }) });

/** `GET /walk-in`: the desk clerk's agencies' citizen services. */
export const walkInDeskQuery = queryOptions({ queryKey: ['channels', 'walk-in'], queryFn: ({ signal }) => api.get<WalkInDesk>('/walk-in', { signal }) });

/** `POST /counter/consents` or `/walk-in/consents`: an SMS code to the citizen, whose mobile the registry matched. */
export const startConsent = (place: 'counter' | 'walk-in', body: ConsentStart & { agencyId?: string }) => api.post<ConsentChallenge>(`/${place}/consents`, body);

export interface FormSubmission {
  serviceId: string;
  form: Record<string, unknown>;
  postal?: PostalChoice;
}

/** `POST /counter/requests`: the request for the citizen, with their consent and the code they read out. */
export const submitAtCounter = (body: FormSubmission & { consentId: string; code: string }, idempotencyKey: string) =>
  api.post<RequestView>('/counter/requests', body, { idempotencyKey });

type WalkInIdentity = { method: 'otp'; consentId: string; code: string } | { method: 'card_seen'; nationalCode: string; attestation: true };
/** `POST /walk-in/requests`: a walk-in request, the person identified by their code or their national card seen. */
export const submitWalkIn = (body: FormSubmission & { identity: WalkInIdentity }, idempotencyKey: string) =>
  api.post<RequestView>('/walk-in/requests', body, { idempotencyKey });

export interface CounterWorkFilter {
  officeId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
}
/** `GET /agencies/:id/counter-work`: the counters' requests on the agency's services. */
export const counterWorkQuery = (agencyId: string, f: CounterWorkFilter) =>
  queryOptions({
    queryKey: ['channels', 'counter-work', agencyId, f],
    queryFn: ({ signal }) =>
      api.get<CounterWorkPage>(`/agencies/${encodeURIComponent(agencyId)}/counter-work`, {
        signal,
        query: { officeId: f.officeId || undefined, from: f.from || undefined, to: f.to || undefined, offset: f.offset, limit: 20 },
      }),
  });

/** `GET /requests/:id/channel`: how the request came in and its postal dispatch. */
export const requestChannelQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['channels', 'request', requestId],
    queryFn: ({ signal }) => api.get<RequestChannelView>(`/requests/${encodeURIComponent(requestId)}/channel`, { signal }),
  });

/** `POST /requests/:id/channel/postal-retry`: a failed dispatch sent again (desk staff), the fields given correcting its address. */
export const retryPostal = (requestId: string, body: PostalRetry, idempotencyKey: string) =>
  api.post<RequestChannelView>(`/requests/${encodeURIComponent(requestId)}/channel/postal-retry`, body, { idempotencyKey });
