/**
 * A signed document end to end (issue 10, "Done when"; ADR 0023): a two-page Persian letter with a
 * QR code rendered by platform/pdf (Typst), signed in PAdES with an RFC 3161 timestamp and verified
 * (chain, digest over the byte range, timestamp), one after the other, on one core; beside it, in
 * the same run and the same pinned process, headless Chromium printing the equivalent HTML
 * (`page.pdf()` in a warm browser, no signature at all). Per second, and the ratio. Runs in a child
 * pinned with `taskset -c 0` like bench/pdf.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDocument } from '@dargah/api/platform/pdf';
import { createTestAuthorities, createTimestampAuthority, generateKeyPair, issueCertificate, signPdf, testTrustStore, verifyPdf } from '@dargah/api/platform/pki';
import { chromiumPdf, letter, quantile, runPinned } from './pdf';

type Alg = 'ecdsa-p256' | 'rsa-2048';

export interface DocumentsBench {
  name: string;
  seconds: number;
  signed: { alg: Alg; perSec: number; ms: { p50: number; p95: number }; bytes: number }[];
  chromiumPerSec: number;
  chromiumMs: { p50: number; p95: number };
  /** Signed documents per second over Chromium's unsigned prints per second, per algorithm. */
  ratios: Record<Alg, number>;
  cores: string;
}

async function signedLetters(alg: Alg, seconds: number) {
  const now = new Date();
  const ca = await createTestAuthorities(now);
  const tsa = createTimestampAuthority(ca.tsa, { now: () => new Date() });
  const trust = testTrustStore(ca);
  const keys = await generateKeyPair(alg);
  const certificate = await issueCertificate(ca.intermediate, { subject: `CN=زهرا احمدی, 2.5.4.5=0012345678, O=سازمان نمونه, C=IR`, publicKey: keys.publicKey, profile: 'signer', notBefore: new Date(now.getTime() - 86_400_000), notAfter: new Date(now.getTime() + 365 * 86_400_000) });
  const signer = { certificate, privateKey: keys.privateKey, chain: [ca.intermediate.certificate] };
  const info = { reason: 'Dargah document BENCH', name: 'زهرا احمدی', location: 'سازمان نمونه', contactInfo: 'https://dargah.example' };
  let bytes = 0;
  const once = async () => {
    const { pdf } = await renderDocument('letter', letter);
    const signed = await signPdf(pdf, signer, info, { tsa, signingTime: new Date() });
    const v = await verifyPdf(signed, { trust, now: new Date() });
    if (v.verdict !== 'valid') throw new Error(`bench document not valid: ${v.verdict} ${v.detail ?? ''}`);
    bytes = signed.length;
  };
  await once(); // warm: the compiler, the fonts, the key
  const times: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const t = performance.now();
    await once();
    times.push(performance.now() - t);
  }
  return { alg, perSec: Math.round((times.length / seconds) * 10) / 10, ms: { p50: quantile(times, 0.5), p95: quantile(times, 0.95) }, bytes };
}

/** The measure itself, in this process (run pinned to one core by `benchDocuments`). */
export async function measureDocuments(seconds: number): Promise<DocumentsBench> {
  const signed = [await signedLetters('ecdsa-p256', seconds), await signedLetters('rsa-2048', seconds)];
  const c = await chromiumPdf(seconds);
  const ratio = (x: number) => Math.round((x / c.perSec) * 10) / 10;
  return {
    name: 'signed document: render (Typst, 2 pages + QR) + PAdES sign (timestamped) + verify',
    seconds,
    signed,
    chromiumPerSec: Math.round(c.perSec * 10) / 10,
    chromiumMs: { p50: quantile(c.times, 0.5), p95: quantile(c.times, 0.95) },
    ratios: { 'ecdsa-p256': ratio(signed[0]!.perSec), 'rsa-2048': ratio(signed[1]!.perSec) },
    cores: 'one (taskset -c 0)',
  };
}

export function benchDocuments(seconds: number): DocumentsBench {
  return runPinned<DocumentsBench>('documents.ts', seconds);
}

export function printDocuments(r: DocumentsBench): string {
  console.log(`\n${r.name}, ${r.seconds}s each, ${r.cores}`);
  for (const s of r.signed) console.log(`  ${s.alg}: ${s.perSec} signed PDFs/s (p50 ${s.ms.p50} ms, p95 ${s.ms.p95} ms, ${Math.round(s.bytes / 1024)} KB)  ratio to Chromium ${r.ratios[s.alg]}`);
  console.log(`  Chromium page.pdf(), warm, unsigned: ${r.chromiumPerSec} PDFs/s (p50 ${r.chromiumMs.p50} ms, p95 ${r.chromiumMs.p95} ms)`);
  return `signed letter (render + PAdES timestamped + verify), one core: ECDSA ${r.signed[0]!.perSec}/s, RSA ${r.signed[1]!.perSec}/s vs Chromium page.pdf() alone ${r.chromiumPerSec}/s, ratios ${r.ratios['ecdsa-p256']} / ${r.ratios['rsa-2048']}`;
}

// `tsx bench/documents.ts [seconds]`: the measure, printed as one JSON line (what benchDocuments reads).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await measureDocuments(Number(process.argv[2] ?? 10))));
}
