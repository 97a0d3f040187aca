/**
 * Detached CMS sign + verify per second on one core (one operation at a time, in this process),
 * RSA-2048 and ECDSA P-256, beside the ceiling: the bare WebCrypto signature and verification of
 * the same digest. The ratio says what CMS, the signed attributes, the path to the trust store and
 * the checks cost on top of the mathematics; a third figure adds the RFC 3161 timestamp (a second
 * signature, by the TSA's ECDSA P-256 key, and its verification).
 */
import { randomBytes } from 'node:crypto';
import { createTestAuthorities, createTimestampAuthority, crypto, generateKeyPair, issueCertificate, signDetached, testTrustStore, verifyDetached } from '@dargah/api/platform/pki';

type Alg = 'rsa-2048' | 'ecdsa-p256';

async function perSecond(seconds: number, op: () => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const start = performance.now();
  while (performance.now() < end) {
    await op();
    n++;
  }
  return Math.round((n / ((performance.now() - start) / 1000)) * 10) / 10;
}

export interface PkiBench {
  name: string;
  seconds: number;
  contentBytes: number;
  algorithms: { alg: Alg; ceilingPerSec: number; cmsPerSec: number; cmsTimestampedPerSec: number; ratio: number; timestampedRatio: number }[];
}

export async function benchPki(seconds: number): Promise<PkiBench> {
  const now = new Date();
  const ca = await createTestAuthorities(now);
  const tsa = createTimestampAuthority(ca.tsa, { now: () => new Date() });
  const trust = testTrustStore(ca);
  const content = new Uint8Array(randomBytes(16 * 1024));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', content));
  const algorithms: PkiBench['algorithms'] = [];
  const slice = Math.max(1, seconds / 3);
  for (const alg of ['rsa-2048', 'ecdsa-p256'] as const) {
    const keys = await generateKeyPair(alg);
    const certificate = await issueCertificate(ca.intermediate, { subject: `CN=Bench ${alg}, C=IR`, publicKey: keys.publicKey, profile: 'signer', notBefore: new Date(now.getTime() - 86_400_000), notAfter: new Date(now.getTime() + 86_400_000 * 365) });
    const signer = { certificate, privateKey: keys.privateKey, chain: [ca.intermediate.certificate] };
    const params = alg === 'rsa-2048' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
    const ceilingPerSec = await perSecond(slice, async () => {
      const sig = await crypto.subtle.sign(params, keys.privateKey, digest);
      if (!(await crypto.subtle.verify(params, keys.publicKey, sig, digest))) throw new Error('raw verify failed');
    });
    const roundTrip = (withTsa: boolean) => async () => {
      const sig = await signDetached(content, signer, withTsa ? { tsa } : {});
      const v = await verifyDetached(sig, content, { trust, now: new Date() });
      if (v.verdict !== 'valid') throw new Error(`bench signature not valid: ${v.verdict}`);
    };
    const cmsPerSec = await perSecond(slice, roundTrip(false));
    const cmsTimestampedPerSec = await perSecond(slice, roundTrip(true));
    algorithms.push({ alg, ceilingPerSec, cmsPerSec, cmsTimestampedPerSec, ratio: Math.round((cmsPerSec / ceilingPerSec) * 100) / 100, timestampedRatio: Math.round((cmsTimestampedPerSec / ceilingPerSec) * 100) / 100 });
  }
  return { name: 'detached CMS sign + verify, one core', seconds, contentBytes: content.length, algorithms };
}

export function printPki(r: PkiBench): string {
  console.log(`\n${r.name}, ${r.contentBytes / 1024} KB content, ${r.seconds}s`);
  for (const a of r.algorithms) {
    console.log(`  ${a.alg}: ceiling (bare sign + verify) ${a.ceilingPerSec}/s`);
    console.log(`    CMS sign + verify:              ${a.cmsPerSec}/s  ratio ${a.ratio}`);
    console.log(`    with an RFC 3161 timestamp:     ${a.cmsTimestampedPerSec}/s  ratio ${a.timestampedRatio}`);
  }
  return `detached CMS sign + verify per second on one core: ${r.algorithms.map((a) => `${a.alg} ${a.cmsPerSec} (timestamped ${a.cmsTimestampedPerSec}; ratio to bare ${a.ratio})`).join(', ')}`;
}
