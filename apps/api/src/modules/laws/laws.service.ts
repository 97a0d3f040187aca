import type { CardProblem, Law, LawArticleRef, LawInput, LawKind, LawUpdate, Mission, MissionInput, MissionUpdate } from '@dargah/contracts';
import { fromJalali, jalaliDateString, parseJalali } from '@dargah/persian';
import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction, type Db } from '../../platform/db';
import { recordChange } from '../../platform/events';
import type { FieldProblem } from '../../platform/http/errors';
import type { Lang } from '../../platform/http/i18n';
import { fieldMessage } from '../../platform/http/validation';
import { once, type IdempotencyClaim, type Replayable } from '../../platform/idempotency';
import { diffContent } from '../../platform/diff';
import { requireStaff } from '../../platform/actor';
import { OrganisationError, findActiveAgency } from '../organisation';
import { requireLawEditor, requireMissionEditor } from './laws.policy';
import * as repo from './laws.repository';
import { LawsError, lawFields } from './laws.errors';

/*
 * The laws register and the agencies' missions. Every write is one transaction holding the change,
 * its event (stream 'law' or 'agency_mission') and its audit entry. Rows are changed at the version
 * the client read: a stale version is 409 CONFLICT.
 */

const toFields = (problems: CardProblem[], prefix: string, lang: Lang): FieldProblem[] =>
  problems.map((p) => ({ field: `${prefix}${p.path}`, code: p.code, message: lawFields.message(p.code, lang) }));

/** The Gregorian ISO date of a Jalali YYYY/MM/DD. */
function isoDateOfJalali(jalali: string): string {
  const r = parseJalali(jalali);
  if (!r.ok)
    throw new LawsError('VALIDATION_FAILED', {
      fields: [
        { field: 'body.approvedOn', code: 'JALALI_DATE_INVALID', message: fieldMessage('JALALI_DATE_INVALID', 'fa') },
      ],
    });
  // Tehran midnight is the evening before in UTC; noon UTC of that day names the right calendar date.
  return new Date(fromJalali(r.value).getTime() + 12 * 3600_000).toISOString().slice(0, 10);
}
const jalaliOfIsoDate = (isoDate: string) => jalaliDateString(new Date(`${isoDate}T12:00:00Z`));

/**
 * Problems with law-article references: each must name a registered law and one of its articles.
 * `refs` pairs each reference with the field path it was found at.
 */
export async function lawRefProblems(db: Db, refs: Array<{ path: string; ref: LawArticleRef }>): Promise<CardProblem[]> {
  const laws = new Map((await repo.findLaws(db, [...new Set(refs.map((r) => r.ref.lawId))])).map((l) => [l.id, l]));
  return refs.flatMap(({ path, ref }) => {
    const law = laws.get(ref.lawId);
    if (!law) return [{ path: `${path}.lawId`, code: 'LAW_NOT_REGISTERED' }];
    return law.articles.some((a) => a.number === ref.article)
      ? []
      : [{ path: `${path}.article`, code: 'LAW_ARTICLE_NOT_FOUND' }];
  });
}

// Laws -----------------------------------------------------------------------------------------
const toLaw = (l: repo.LawRow): Law => ({ ...l, approvedOnJalali: jalaliOfIsoDate(l.approvedOn) });
const lawValues = (l: LawInput): repo.LawValues => ({
  title: l.title,
  kind: l.kind,
  approvingBody: l.approvingBody,
  number: l.number || null,
  approvedOn: isoDateOfJalali(l.approvedOn),
  link: l.link ?? null,
  articles: l.articles,
});

export async function listLaws(
  ctx: AppContext,
  q: { kind?: LawKind | undefined; limit: number; offset: number },
): Promise<Law[]> {
  return (await repo.listLaws(ctx.database.db, q)).map(toLaw);
}

export async function getLaw(ctx: AppContext, id: string): Promise<Law> {
  const l = await repo.findLaw(ctx.database.db, id);
  if (!l) throw new LawsError('LAW_NOT_FOUND', { lawId: id });
  return toLaw(l);
}

/** Central reviewers and platform administrators register laws. */
export async function createLaw(
  ctx: AppContext,
  actor: Actor,
  input: LawInput,
  origin: RequestOrigin,
  claim?: IdempotencyClaim,
): Promise<Replayable<Law, 201>> {
  requireLawEditor(actor);
  const at = ctx.clock.now();
  const values = lawValues(input);
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      const row = await repo.insertLaw(tx.db, values, at);
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: 'law',
          id: row.id,
          event: 'created',
          audit: 'law.create',
          agencyId: null,
          details: { title: row.title, kind: row.kind, articles: row.articles.length },
        },
      );
      return { status: 201 as const, body: toLaw(row) };
    }),
  );
}

export async function updateLaw(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: LawUpdate,
  origin: RequestOrigin,
): Promise<Law> {
  requireLawEditor(actor);
  const at = ctx.clock.now();
  const values = lawValues(input);
  return withTransaction(ctx.database, async (tx) => {
    const before = await repo.findLaw(tx.db, id);
    if (!before) throw new LawsError('LAW_NOT_FOUND', { lawId: id });
    const row = await repo.updateLaw(tx.db, id, input.version, values, at);
    if (!row) throw new LawsError('CONFLICT', { currentVersion: before.version });
    const changes = diffContent({ ...before, version: undefined }, { ...row, version: undefined });
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'law',
        id,
        event: 'updated',
        audit: 'law.update',
        agencyId: null,
        details: { version: row.version, changed: changes.map((c) => c.path) },
      },
    );
    return toLaw(row);
  });
}

// Missions -------------------------------------------------------------------------------------
const toMission = (m: repo.MissionRow): Mission => m;

export async function listMissions(ctx: AppContext, agencyId: string): Promise<Mission[]> {
  if (!(await findActiveAgency(ctx.database.db, agencyId))) throw new OrganisationError('AGENCY_NOT_FOUND', { agencyId });
  return (await repo.listMissions(ctx.database.db, agencyId)).map(toMission);
}

async function checkMissionRefs(db: Db, input: MissionInput, lang: Lang): Promise<void> {
  const problems = await lawRefProblems(
    db,
    input.legalBasis.map((ref, i) => ({ path: `legalBasis.${i}`, ref })),
  );
  if (problems.length > 0) throw new LawsError('VALIDATION_FAILED', { fields: toFields(problems, 'body.', lang) });
}

/** An agency administrator (or platform administrator) records one of the agency's missions. */
export async function createMission(
  ctx: AppContext,
  actor: Actor,
  agencyId: string,
  input: MissionInput,
  origin: RequestOrigin,
  lang: Lang,
  claim?: IdempotencyClaim,
): Promise<Replayable<Mission, 201>> {
  requireMissionEditor(actor, agencyId);
  const at = ctx.clock.now();
  return withTransaction(ctx.database, (tx) =>
    once(tx, claim, at, async () => {
      if (!(await findActiveAgency(tx.db, agencyId))) throw new OrganisationError('AGENCY_NOT_FOUND', { agencyId });
      await checkMissionRefs(tx.db, input, lang);
      const row = await repo.insertMission(
        tx.db,
        agencyId,
        { title: input.title, description: input.description ?? null, legalBasis: input.legalBasis },
        at,
      );
      await recordChange(
        tx,
        { actor, origin, at },
        {
          stream: 'agency_mission',
          id: row.id,
          event: 'created',
          audit: 'agency_mission.create',
          agencyId,
          details: { title: row.title, legalBasis: row.legalBasis },
        },
      );
      return { status: 201 as const, body: toMission(row) };
    }),
  );
}

async function editableMission(db: Db, actor: Actor, id: string): Promise<repo.MissionRow> {
  requireStaff(actor);
  const m = await repo.findMission(db, id);
  if (!m) throw new LawsError('MISSION_NOT_FOUND', { missionId: id });
  try {
    requireMissionEditor(actor, m.agencyId);
  } catch {
    throw new LawsError('MISSION_NOT_FOUND', { missionId: id });
  }
  return m;
}

export async function updateMission(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: MissionUpdate,
  origin: RequestOrigin,
  lang: Lang,
): Promise<Mission> {
  const at = ctx.clock.now();
  return withTransaction(ctx.database, async (tx) => {
    const before = await editableMission(tx.db, actor, id);
    await checkMissionRefs(tx.db, input, lang);
    const row = await repo.updateMission(
      tx.db,
      id,
      input.version,
      { title: input.title, description: input.description ?? null, legalBasis: input.legalBasis },
      at,
    );
    if (!row) throw new LawsError('CONFLICT', { currentVersion: before.version });
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'agency_mission',
        id,
        event: 'updated',
        audit: 'agency_mission.update',
        agencyId: row.agencyId,
        details: { version: row.version, title: row.title, legalBasis: row.legalBasis },
      },
    );
    return toMission(row);
  });
}

export async function deleteMission(ctx: AppContext, actor: Actor, id: string, origin: RequestOrigin): Promise<void> {
  const at = ctx.clock.now();
  await withTransaction(ctx.database, async (tx) => {
    const m = await editableMission(tx.db, actor, id);
    await repo.deleteMission(tx.db, id);
    await recordChange(
      tx,
      { actor, origin, at },
      {
        stream: 'agency_mission',
        id,
        event: 'deleted',
        audit: 'agency_mission.delete',
        agencyId: m.agencyId,
        details: { title: m.title },
      },
    );
  });
}

/** The registered laws among the ids, by id (for titles and article checks elsewhere). */
export async function lawsByIds(db: Db, ids: readonly string[]): Promise<Map<string, repo.LawRow>> {
  return new Map((await repo.findLaws(db, [...new Set(ids)])).map((l) => [l.id, l]));
}

/** Every law's id, title and number, in the caller's db or transaction. */
export const lawBriefs = (db: Db) => repo.lawBriefs(db);
