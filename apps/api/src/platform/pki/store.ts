import { sql } from 'drizzle-orm';
import { iso, isoOrNull, rows, type Db } from '../db';

/** The SQL of platform/pki: the development test authorities and the fetched CRLs (migration 0026). */
export interface StoredAuthority {
  name: 'root' | 'intermediate' | 'tsa';
  certificate: Uint8Array;
  privateKey: Uint8Array;
}

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export async function listTestAuthorities(db: Db): Promise<StoredAuthority[]> {
  const r = await rows<{ name: StoredAuthority['name']; certificate: string; privateKey: string }>(
    db,
    sql`SELECT name, encode(certificate, 'base64') AS certificate, encode(private_key, 'base64') AS "privateKey" FROM pki_test_authorities`,
  );
  return r.map((x) => ({ name: x.name, certificate: bytes(x.certificate), privateKey: bytes(x.privateKey) }));
}

/** Writes all three at once, or nothing when another process got there first (its set is then read back). */
export async function insertTestAuthorities(db: Db, items: readonly StoredAuthority[], at: Date): Promise<void> {
  const values = sql.join(
    items.map((a) => sql`(${a.name}, decode(${b64(a.certificate)}, 'base64'), decode(${b64(a.privateKey)}, 'base64'), ${iso(at)}::timestamptz)`),
    sql`, `,
  );
  await rows(db, sql`
    INSERT INTO pki_test_authorities (name, certificate, private_key, created_at)
    SELECT * FROM (VALUES ${values}) AS v(name, certificate, private_key, created_at)
     WHERE NOT EXISTS (SELECT 1 FROM pki_test_authorities)
    ON CONFLICT (name) DO NOTHING`);
}

export interface StoredCrl {
  url: string;
  issuer: string;
  issuerFingerprint: string | null;
  der: Uint8Array | null;
  thisUpdate: string | null;
  nextUpdate: string | null;
  fetchedAt: string | null;
  checkedAt: string;
  lastError: string | null;
}

export async function listCrls(db: Db): Promise<StoredCrl[]> {
  const r = await rows<Omit<StoredCrl, 'der'> & { der: string | null }>(
    db,
    sql`SELECT url, issuer, issuer_fingerprint AS "issuerFingerprint", encode(der, 'base64') AS der, this_update AS "thisUpdate",
               next_update AS "nextUpdate", fetched_at AS "fetchedAt", checked_at AS "checkedAt", last_error AS "lastError"
          FROM pki_crls ORDER BY url`,
  );
  return r.map((x) => ({
    ...x,
    der: x.der === null ? null : bytes(x.der),
    thisUpdate: isoOrNull(x.thisUpdate),
    nextUpdate: isoOrNull(x.nextUpdate),
    fetchedAt: isoOrNull(x.fetchedAt),
    checkedAt: isoOrNull(x.checkedAt)!,
  }));
}

/** Keeps a verified CRL unless the stored one is newer (two refreshes racing keep the later list). */
export async function saveCrl(db: Db, c: { url: string; issuer: string; issuerFingerprint: string; der: Uint8Array; thisUpdate: Date; nextUpdate: Date | null }, at: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO pki_crls AS k (url, issuer, issuer_fingerprint, der, this_update, next_update, fetched_at, checked_at, last_error)
    VALUES (${c.url}, ${c.issuer}, ${c.issuerFingerprint}, decode(${b64(c.der)}, 'base64'), ${iso(c.thisUpdate)}::timestamptz,
            ${iso(c.nextUpdate)}::timestamptz, ${iso(at)}::timestamptz, ${iso(at)}::timestamptz, NULL)
    ON CONFLICT (url) DO UPDATE SET
      issuer = EXCLUDED.issuer, issuer_fingerprint = EXCLUDED.issuer_fingerprint, der = EXCLUDED.der, this_update = EXCLUDED.this_update,
      next_update = EXCLUDED.next_update, fetched_at = EXCLUDED.fetched_at, checked_at = EXCLUDED.checked_at, last_error = NULL
    WHERE k.this_update IS NULL OR k.this_update <= EXCLUDED.this_update`);
}

/** Records a failed fetch; the last good CRL stays. */
export async function saveCrlFailure(db: Db, url: string, error: string, at: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO pki_crls AS k (url, issuer, checked_at, last_error) VALUES (${url}, '', ${iso(at)}::timestamptz, ${error.slice(0, 500)})
    ON CONFLICT (url) DO UPDATE SET checked_at = EXCLUDED.checked_at, last_error = EXCLUDED.last_error`);
}
