/**
 * What other features may use of requests: the queries and actions on a request, its parts as the
 * citizen's receipt shows them (the staff request page shows the same), the receipt page and the strings.
 */
export {
  REQUEST_STATUSES,
  decideRequest,
  isCartableFilter,
  isDecided,
  isEnded,
  isRequestStatus,
  takeWorkflowAction,
  myRequestsQuery,
  requestQuery,
  submitRequest,
  takeRequest,
  type CartableFilter,
} from './api';
export { AnswerDialog, type AnswerDecision } from './components/AnswerDialog';
/** For the apply page: the documents section, the draft's autosave and status, the prefill and the request's documents. */
export { ApplyDocuments, documentInputId, type DocumentUploads } from './components/ApplyDocuments';
export { DraftStatus, useDraftAutosave } from './components/ApplyDraft';
export { RequestDocuments } from './components/RequestDocuments';
export { draftQuery, prefillQuery, serviceDocumentsQuery } from './api';
export { ApplicantFacts } from './components/ApplicantFacts';
export { SignedAnswer } from './components/SignedAnswer';
export { HistoryTimeline } from './components/HistoryTimeline';
export { AskCorrectionButton, CorrectionReplyPanel, RequestThread } from './components/RequestInteraction';
export { RequestAnswers } from './components/RequestAnswers';
export { RequestFacts } from './components/RequestFacts';
export { StatusBadge } from './components/StatusBadge';
export { messages } from './messages';
export { workspaceMessages } from './workspace-messages';
export { requestRoutes } from './routes';
