/**
 * What other features may use of requests: the queries and actions on a request, its parts as the
 * citizen's receipt shows them (the staff request page shows the same), the receipt page and the strings.
 */
export {
  REQUEST_STATUSES,
  decideRequest,
  isCartableFilter,
  isRequestStatus,
  takeWorkflowAction,
  myRequestsQuery,
  requestQuery,
  submitRequest,
  takeRequest,
  type CartableFilter,
} from './api';
export { AnswerDialog, type AnswerDecision } from './components/AnswerDialog';
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
