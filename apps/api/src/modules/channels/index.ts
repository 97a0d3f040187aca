import type { AppModule } from '../../platform/module';
import { channelsErrors } from './channels.errors';
import { COUNTER_ROLES, oversightAgencies, walkInAgencies } from './channels.policy';
import { hasRole } from '../organisation';
import { channelsRoutes } from './channels.routes';
import { choosePostal, defineChannelsJobs, markAnswerDue, noteAnswerIssued } from './postal.service';
import { onDocumentSigned } from '../documents';
import { onAnswerIssued, onPostalChosen } from '../requests';

/**
 * Every channel, attributed (issue 11 item 9): counter operators and an agency's in-person desk
 * enter requests for citizens (the citizen's one-time code as consent, or the original national
 * card seen), each request records its channel; the agency oversees the counters' work; the
 * answer may go by post.
 */
export const channelsModule: AppModule = {
  name: 'channels',
  errors: [channelsErrors],
  async register(app, ctx) {
    // An online applicant's choice of postal delivery is kept in the submission's transaction; the
    // answer's transaction notes its document, the answer's first signature makes the dispatch due,
    // and the postal job hands it to the post: never an unsigned answer.
    onPostalChosen(choosePostal);
    onAnswerIssued(noteAnswerIssued);
    onDocumentSigned(markAnswerDue);
    await channelsRoutes(app, ctx);
  },
  // The postal outbox: due dispatches handed to the post, retried with backoff (ADR 0039).
  defineJobs: defineChannelsJobs,
  areas: (_ctx, actor) => ({
    counterDesk: hasRole(actor, COUNTER_ROLES),
    walkIn: walkInAgencies(actor).length > 0,
    counterWork: oversightAgencies(actor).length > 0,
  }),
};
