import { sql } from 'drizzle-orm';
import { date, dateOrNull, iso, rows, type Db } from '../../platform/db';

/** The SQL of a citizen's e-mail on file (`citizens.email`) and its codes (`citizen_email_challenges`). */

export interface EmailOnFileRow {
  email: string | null;
  verifiedAt: Date | null;
}

/** The citizen's verified address, the row locked until the transaction ends (one change at a time per person). */
export async function lockEmailOnFile(db: Db, citizenId: string): Promise<EmailOnFileRow | undefined> {
  const [r] = await rows<EmailOnFileRow>(db, sql`
    SELECT email, email_verified_at AS "verifiedAt" FROM citizens WHERE id = ${citizenId} FOR UPDATE`);
  return r ? { email: r.email, verifiedAt: dateOrNull(r.verifiedAt) } : undefined;
}

export async function findEmailOnFile(db: Db, citizenId: string): Promise<EmailOnFileRow | undefined> {
  const [r] = await rows<EmailOnFileRow>(db, sql`SELECT email, email_verified_at AS "verifiedAt" FROM citizens WHERE id = ${citizenId}`);
  return r ? { email: r.email, verifiedAt: dateOrNull(r.verifiedAt) } : undefined;
}

export const setVerifiedEmail = (db: Db, citizenId: string, email: string, now: Date) =>
  rows(db, sql`UPDATE citizens SET email = ${email}, email_verified_at = ${iso(now)}::timestamptz, updated_at = ${iso(now)}::timestamptz WHERE id = ${citizenId}`);

export interface EmailChallengeRow {
  id: string;
  email: string;
  codeHash: string;
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
}

const CHALLENGE_COLS = sql`id, email, code_hash AS "codeHash", attempts, created_at AS "createdAt", expires_at AS "expiresAt"`;
const toChallenge = (r: EmailChallengeRow): EmailChallengeRow => ({ ...r, createdAt: date(r.createdAt), expiresAt: date(r.expiresAt) });

/** The citizen's open challenge (neither used nor replaced; perhaps expired), newest first; locked when asked. */
export async function findOpenChallenge(db: Db, citizenId: string, lock = false): Promise<EmailChallengeRow | undefined> {
  const [r] = await rows<EmailChallengeRow>(db, sql`
    SELECT ${CHALLENGE_COLS} FROM citizen_email_challenges
     WHERE citizen_id = ${citizenId} AND consumed_at IS NULL AND cancelled_at IS NULL
     ORDER BY created_at DESC, id LIMIT 1 ${lock ? sql`FOR UPDATE` : sql``}`);
  return r ? toChallenge(r) : undefined;
}

export async function insertChallenge(db: Db, c: { id: string; citizenId: string; email: string; codeHash: string; expiresAt: Date }, now: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO citizen_email_challenges (id, citizen_id, email, code_hash, created_at, expires_at)
    VALUES (${c.id}, ${c.citizenId}, ${c.email}, ${c.codeHash}, ${iso(now)}::timestamptz, ${iso(c.expiresAt)}::timestamptz)`);
}

/** Replaces every open challenge of the citizen (a newer address, or the code was used). */
export const cancelOpenChallenges = (db: Db, citizenId: string, now: Date) =>
  rows(db, sql`UPDATE citizen_email_challenges SET cancelled_at = ${iso(now)}::timestamptz WHERE citizen_id = ${citizenId} AND consumed_at IS NULL AND cancelled_at IS NULL`);

export const countChallengeFailure = (db: Db, id: string) => rows(db, sql`UPDATE citizen_email_challenges SET attempts = attempts + 1 WHERE id = ${id}`);

export const consumeChallenge = (db: Db, id: string, now: Date) =>
  rows(db, sql`UPDATE citizen_email_challenges SET consumed_at = ${iso(now)}::timestamptz WHERE id = ${id}`);
