import {
  CardCapabilities,
  CardDiff,
  CardNotification,
  CardStatus,
  CardStep,
  CreateCard,
  OpenChangeRequest,
  RenewCard,
  ServiceCardSummary,
  ServiceCardView,
  UpdateCard,
} from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { claimFrom, IDEMPOTENT_CREATE, IdempotencyHeaders, sendReplayable } from '../../platform/idempotency';
import {
  createCard,
  diffCard,
  getCard,
  getCardCapabilities,
  listCards,
  listNotifications,
  renewCard,
  requestChange,
  reviewQueue,
  stepCard,
  updateCard,
} from './catalogue.service';

const tags = ['catalogue'];
const Id = z.object({ id: z.uuid() });
const staff = { access: 'staff' as const };
const Paging = {
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

const STEPS = [
  {
    action: 'submit',
    summary:
      'Submit a draft or returned card for review (agency administrator): the whole card is checked (CARD_INCOMPLETE lists every problem at its field) and its version frozen; it goes to the parent agency (due in a week) or, without one, to central review. A change request to an approved card also needs changeBasis (a registered law, its articles, the reason: CHANGE_BASIS_REQUIRED) and headApproval (an administrator of the agency: HEAD_APPROVAL_REQUIRED)',
  },
  { action: 'forward', summary: 'Parent agency administrator: send a sub-agency’s card on to central review' },
  {
    action: 'return',
    summary: 'Return a card under review to its agency with a comment (parent administrator, central reviewer)',
  },
  {
    action: 'approve',
    summary:
      'Approve a card (central reviewer): assigns the 11-digit service id (kept by a change request, which comes into force) and sets expiry one year on; approves a renewal',
  },
  {
    action: 'reject',
    summary:
      'Reject a card with a comment (central reviewer); a rejected change request leaves the approved version in force',
  },
] as const;
/** The review steps refuse whoever sent the card to review, and (central steps) a reviewer of its agency or one above it. */
const SEPARATION =
  '. Separation of duties: SELF_REVIEW_FORBIDDEN for whoever sent the card to this review, REVIEWER_CONFLICT_OF_INTEREST for a central reviewer of the card’s agency or of an agency above it';

/** The service catalogue: service identity cards and their review. */
export async function catalogueRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Service identity cards -------------------------------------------------------------------
  r.post(
    '/catalogue/cards',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Start a service identity card as a draft (agency experts and administrators); drafts may be incomplete',
        description: IDEMPOTENT_CREATE,
        headers: IdempotencyHeaders,
        body: CreateCard,
        response: { 201: ServiceCardView },
      },
    },
    async (req, reply) =>
      sendReplayable(
        reply,
        await createCard(ctx, req.actor, req.body, req.origin, req.lang, claimFrom(req, 'service_card.create')),
      ),
  );
  r.get(
    '/catalogue/cards',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Cards you may see: your agencies’ (and your sub-agencies’ when you administer), all for central roles; newest first',
        querystring: z.object({ status: CardStatus.optional(), agencyId: z.uuid().optional(), ...Paging }),
        response: { 200: z.array(ServiceCardSummary) },
      },
    },
    (req) => listCards(ctx, req.actor, req.query, req.lang),
  );
  r.get(
    '/catalogue/review-queue',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'The review cartable, oldest first: cards awaiting central review (central reviewers) and sub-agencies’ cards awaiting your review (parent administrators)',
        querystring: z.object(Paging),
        response: { 200: z.array(ServiceCardSummary) },
      },
    },
    (req) => reviewQueue(ctx, req.actor, req.query, req.lang),
  );
  r.get(
    '/catalogue/cards/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'A card with its current content, history and the actions open to you',
        params: Id,
        response: { 200: ServiceCardView },
      },
    },
    (req) => getCard(ctx, req.actor, req.params.id, req.lang),
  );
  r.get(
    '/catalogue/cards/:id/capabilities',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'What you may do to the card now, one boolean per operation, by the same checks the operations make (the workflow, your roles, and separation of duties: whoever submitted the card, and a central reviewer of its agency or of an agency above it, may not review it)',
        params: Id,
        response: { 200: CardCapabilities },
      },
    },
    (req) => getCardCapabilities(ctx, req.actor, req.params.id),
  );
  r.put(
    '/catalogue/cards/:id',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Save a draft or returned card at the version read (a returned card becomes a new version, back in draft)',
        params: Id,
        body: UpdateCard,
        response: { 200: ServiceCardView },
      },
    },
    (req) => updateCard(ctx, req.actor, req.params.id, req.body, req.origin, req.lang),
  );
  r.get(
    '/catalogue/cards/:id/diff',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Field by field, what changed between two versions of a card',
        params: Id,
        querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
        response: { 200: CardDiff },
      },
    },
    (req) => diffCard(ctx, req.actor, req.params.id, req.query.from, req.query.to),
  );
  r.post(
    '/catalogue/cards/:id/change-requests',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Open a change request on an approved card (agency administrator): a new draft version, while the approved version stays in force until the change is approved',
        params: Id,
        body: OpenChangeRequest,
        response: { 201: ServiceCardView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await requestChange(ctx, req.actor, req.params.id, req.body, req.origin, req.lang)),
  );
  r.post(
    '/catalogue/cards/:id/renew',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Renew an approved card (agency administrator): confirm it unchanged for central review, or open a change request; approval sets expiry a year on',
        params: Id,
        body: RenewCard,
        response: { 200: ServiceCardView },
      },
    },
    (req) => renewCard(ctx, req.actor, req.params.id, req.body, req.origin, req.lang),
  );
  r.get(
    '/catalogue/notifications',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Expiry notices (reminders 60, 30 and 7 days before, and the expiry) for the agencies you administer, newest first',
        querystring: z.object(Paging),
        response: { 200: z.array(CardNotification) },
      },
    },
    (req) => listNotifications(ctx, req.actor, req.query),
  );
  for (const s of STEPS) {
    r.post(
      `/catalogue/cards/:id/${s.action}`,
      {
        config: staff,
        schema: {
          tags,
          summary: s.action === 'submit' ? s.summary : `${s.summary}${SEPARATION}`,
          params: Id,
          body: CardStep,
          response: { 200: ServiceCardView },
        },
      },
      (req) => stepCard(ctx, req.actor, req.params.id, s.action, req.body, req.origin, req.lang),
    );
  }
}
