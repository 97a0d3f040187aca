import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { digest, findAttribute, hashNameOf, readSigningCertificateV2 } from './attributes';
import { OID, pkijs, toArrayBuffer, x509 } from './engine';
import { fingerprint, type RevocationSource, type RevocationState } from './revocation';
import type { TrustStore } from './trust-store';
import type { VerdictCode } from './verdicts';

/**
 * Verification of CMS SignedData signatures (detached, or over PDF byte ranges later): integrity
 * (message digest, signature, signing-certificate-v2), a path from the signer to a root of the
 * trust store, the signer's key usage, the RFC 3161 timestamp, validity at the signing time (the
 * timestamp's, or now without one), and revocation. Every input gives a verdict; nothing throws.
 */
export interface VerifyOptions {
  trust: TrustStore;
  /** CRLs then OCSP; without it revocation is "not_checked". */
  revocation?: RevocationSource;
  now: Date;
  /** An unknown revocation status is the verdict revocation_unknown (otherwise reported beside a valid verdict). */
  requireRevocation?: boolean;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
}

export interface SignerVerification {
  verdict: VerdictCode;
  signer?: CertificateSummary;
  /** The timestamp's time when there is a valid one; the time validity was judged at otherwise. */
  signingTime: string;
  timestamped: boolean;
  /** What the signer claimed in the signing-time attribute (not proven). */
  claimedSigningTime?: string;
  revocation: RevocationState | 'not_checked';
  /** Why, for logs and support (English, technical). */
  detail?: string;
}

export interface Verification {
  /** The first signer's verdict that is not valid, else valid. */
  verdict: VerdictCode;
  signers: SignerVerification[];
  detail?: string;
}

const SIGNING_EKUS = new Set([
  '1.3.6.1.5.5.7.3.4', // emailProtection (S/MIME, CAdES)
  '1.3.6.1.5.5.7.3.36', // documentSigning (RFC 9336)
  '1.2.840.113583.1.1.5', // Adobe authentic documents trust
  '1.3.6.1.4.1.311.10.3.12', // Microsoft document signing
  '2.5.29.37.0', // anyExtendedKeyUsage
]);

export function summary(c: x509.X509Certificate): CertificateSummary {
  return { subject: c.subject, issuer: c.issuer, serialNumber: c.serialNumber, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString(), sha256: fingerprint(c) };
}

export function allowsDocumentSigning(c: x509.X509Certificate): boolean {
  const ku = c.getExtension(x509.KeyUsagesExtension);
  if (ku && !(ku.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation))) return false;
  const eku = c.getExtension(x509.ExtendedKeyUsageExtension);
  if (eku && !eku.usages.some((u) => SIGNING_EKUS.has(String(u)))) return false;
  return true;
}

function isCa(c: x509.X509Certificate): boolean {
  const bc = c.getExtension(x509.BasicConstraintsExtension);
  const ku = c.getExtension(x509.KeyUsagesExtension);
  return !!bc?.ca && (!ku || !!(ku.usages & x509.KeyUsageFlags.keyCertSign));
}

const sameCert = (a: x509.X509Certificate, b: x509.X509Certificate) => Buffer.from(a.rawData).equals(Buffer.from(b.rawData));

/** Node's own reading of a certificate (OpenSSL), kept per certificate object. */
const nodeCertificates = new WeakMap<x509.X509Certificate, NodeX509Certificate>();
function nodeCertificate(c: x509.X509Certificate): NodeX509Certificate {
  let n = nodeCertificates.get(c);
  if (!n) {
    n = new NodeX509Certificate(new Uint8Array(c.rawData));
    nodeCertificates.set(c, n);
  }
  return n;
}

/** Whether `issuer`'s key signed `c`: checked synchronously by OpenSSL, not through WebCrypto's thread pool. */
function signedBy(c: x509.X509Certificate, issuer: x509.X509Certificate): boolean {
  try {
    return nodeCertificate(c).verify(nodeCertificate(issuer).publicKey);
  } catch {
    return false; // a key of another type or a certificate OpenSSL cannot read: not this issuer
  }
}

/** leaf … root, the root from the trust store; undefined when no path reaches one. Certificates in the signature serve only as path elements. */
export async function buildPath(leaf: x509.X509Certificate, carried: readonly x509.X509Certificate[], trust: TrustStore): Promise<x509.X509Certificate[] | undefined> {
  const path = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 8; depth++) {
    if (trust.roots.some((r) => sameCert(r, current))) return path;
    let next: x509.X509Certificate | undefined;
    for (const candidate of [...trust.roots, ...trust.intermediates, ...carried]) {
      if (candidate.subject !== current.issuer || sameCert(candidate, current) || !isCa(candidate)) continue;
      if (signedBy(current, candidate)) {
        next = candidate;
        break;
      }
    }
    if (!next) return undefined;
    path.push(next);
    current = next;
  }
  return undefined;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; verdict: VerdictCode; detail: string };

/** The timestamp token over a signature value: its time, when it verifies and its TSA chains to the trust store. */
async function verifyTimestamp(token: asn1js.AsnType, signatureValue: Uint8Array, opts: VerifyOptions): Promise<Outcome<Date>> {
  const fail = (detail: string): Outcome<Date> => ({ ok: false, verdict: 'timestamp_invalid', detail });
  try {
    const info = new pkijs.ContentInfo({ schema: token });
    if (info.contentType !== OID.signedData) return fail('timestamp is not SignedData');
    const { sd, certs } = signedDataOf(info.content);
    if (sd.encapContentInfo.eContentType !== OID.tstInfo || !sd.encapContentInfo.eContent) return fail('timestamp carries no TSTInfo');
    const tst = pkijs.TSTInfo.fromBER(toArrayBuffer(new Uint8Array(sd.encapContentInfo.eContent.getValue())));
    const hash = hashNameOf(tst.messageImprint.hashAlgorithm.algorithmId);
    if (!hash) return fail('timestamp hash algorithm not supported');
    const expected = await digest(hash, signatureValue);
    if (!Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(Buffer.from(expected))) return fail('timestamp is over other data');
    // pkijs checks the TSTInfo's message imprint against the data it is given (the signature value) too.
    const res = await sd.verify({ signer: 0, data: toArrayBuffer(signatureValue), checkChain: false, extendedMode: true });
    if (!res.signatureVerified || !res.signerCertificate) return fail('timestamp signature does not verify');
    const tsaCert = certs.find((c) => c.pk === res.signerCertificate)?.x;
    if (!tsaCert) return fail('timestamp signer certificate not found');
    const eku = tsaCert.getExtension(x509.ExtendedKeyUsageExtension);
    if (!eku?.usages.some((u) => String(u) === OID.ekuTimeStamping)) return fail('timestamp signer lacks the timeStamping key usage');
    const path = await buildPath(tsaCert, certs.map((c) => c.x), opts.trust);
    if (!path) return fail('timestamp authority is not trusted');
    const t = tst.genTime;
    if (path.some((c) => t < c.notBefore || t > c.notAfter)) return fail('timestamp authority certificate not valid at its time');
    if (t.getTime() > opts.now.getTime() + 5 * 60_000) return fail('timestamp in the future');
    return { ok: true, value: t };
  } catch (err) {
    return fail(`timestamp unreadable: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function verifySigner({ sd, certs }: ParsedSignedData, index: number, content: Uint8Array, opts: VerifyOptions): Promise<SignerVerification> {
  const si = sd.signerInfos[index]!;
  const base = { signingTime: opts.now.toISOString(), timestamped: false, revocation: 'not_checked' as const };
  const claimed: unknown = findAttribute(si.signedAttrs, OID.signingTime)?.values[0];
  const claimedSigningTime = claimed instanceof asn1js.UTCTime || claimed instanceof asn1js.GeneralizedTime ? claimed.toDate().toISOString() : undefined;
  const hash = hashNameOf(si.digestAlgorithm.algorithmId);
  if (!hash) return { ...base, verdict: 'malformed', detail: `digest algorithm ${si.digestAlgorithm.algorithmId} not supported` };

  // Integrity first: a changed document is "altered" whoever signed it.
  const found = certs.find((c) => identifies(si.sid, c.pk));
  if (!found) return { ...base, verdict: 'unknown_issuer', detail: 'the signer certificate is not in the signature' };
  const { pk: signerPk, x: signerCert } = found;
  const signer = summary(signerCert);
  let signed: ArrayBuffer = toArrayBuffer(content);
  if (si.signedAttrs) {
    const md: unknown = findAttribute(si.signedAttrs, OID.messageDigest)?.values[0];
    const ok = md instanceof asn1js.OctetString && Buffer.from(md.valueBlock.valueHexView).equals(Buffer.from(await digest(hash, content)));
    if (!ok) return { ...base, signer, verdict: 'altered', detail: 'message digest does not match the content' };
    if (!findAttribute(si.signedAttrs, OID.contentType)) return { ...base, signer, verdict: 'malformed', detail: 'signed attributes without content-type' };
    // The signed attributes as signed: their DER with the SET tag (pkijs keeps it as encodedValue).
    signed = si.signedAttrs.encodedValue;
  }
  const engine = pkijs.getCrypto(true);
  const verified = await engine
    .verifyWithPublicKey(signed, si.signature, signerPk.subjectPublicKeyInfo, si.signatureAlgorithm, hash)
    .catch(() => false);
  if (!verified) return { ...base, signer, verdict: 'altered', detail: 'the signature value does not verify' };
  if (si.signedAttrs) {
    const scv2 = findAttribute(si.signedAttrs, OID.signingCertificateV2);
    if (scv2) {
      const ids = readSigningCertificateV2(scv2);
      const first = ids?.[0];
      if (!first || !Buffer.from(first.certHash).equals(Buffer.from(await digest(first.hash, new Uint8Array(signerCert.rawData))))) {
        return { ...base, signer, verdict: 'altered', detail: 'signing-certificate-v2 names another certificate' };
      }
    }
  }

  const path = await buildPath(signerCert, certs.map((c) => c.x), opts.trust);
  if (!path) return { ...base, signer, verdict: 'unknown_issuer', detail: `no path from ${signerCert.issuer} to a trusted root` };
  if (!allowsDocumentSigning(signerCert)) return { ...base, signer, verdict: 'wrong_key_usage', detail: 'key usage allows neither digitalSignature nor nonRepudiation, or extended key usage excludes document signing' };

  let at = opts.now;
  let timestamped = false;
  const token: unknown = findAttribute(si.unsignedAttrs, OID.timeStampToken)?.values[0];
  if (token !== undefined) {
    if (!(token instanceof asn1js.BaseBlock)) return { ...base, signer, verdict: 'timestamp_invalid', detail: 'timestamp attribute without a value' };
    const ts = await verifyTimestamp(token, new Uint8Array(si.signature.valueBlock.valueHexView), opts);
    if (!ts.ok) return { ...base, signer, verdict: ts.verdict, detail: ts.detail, ...(claimedSigningTime ? { claimedSigningTime } : {}) };
    at = ts.value;
    timestamped = true;
  }
  const result = { signer, signingTime: at.toISOString(), timestamped, ...(claimedSigningTime ? { claimedSigningTime } : {}) };
  const invalid = path.find((c) => at < c.notBefore || at > c.notAfter);
  if (invalid) {
    const expiredNow = !timestamped && at > invalid.notAfter;
    return { ...result, revocation: 'not_checked', verdict: expiredNow ? 'expired_without_timestamp' : 'not_valid_at_signing_time', detail: `${invalid.subject} valid ${invalid.notBefore.toISOString()}–${invalid.notAfter.toISOString()}` };
  }
  if (!opts.revocation) return { ...result, revocation: 'not_checked', verdict: 'valid' };
  let state: RevocationState = 'good';
  for (let i = 0; i + 1 < path.length; i++) {
    const s = await opts.revocation.status(path[i]!, path[i + 1]!);
    if (s.status === 'revoked' && (!timestamped || !s.revokedAt || s.revokedAt <= at)) {
      return { ...result, revocation: 'revoked', verdict: 'revoked', detail: `${path[i]!.subject} revoked ${s.revokedAt?.toISOString() ?? ''} (${s.source})` };
    }
    if (s.status === 'unknown') state = 'unknown';
  }
  if (state === 'unknown' && opts.requireRevocation) return { ...result, revocation: state, verdict: 'revocation_unknown' };
  return { ...result, revocation: state, verdict: 'valid' };
}

/** Whether a SignerInfo's sid (issuer and serial number, or subject key identifier) names this certificate. */
function identifies(sid: unknown, c: pkijs.Certificate): boolean {
  if (sid instanceof pkijs.IssuerAndSerialNumber) return sid.issuer.isEqual(c.issuer) && sid.serialNumber.isEqual(c.serialNumber);
  if (sid instanceof asn1js.BaseBlock && 'valueBlock' in sid) {
    const ski = c.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue as asn1js.OctetString | undefined;
    const wanted = (sid as asn1js.Primitive).valueBlock.valueHexView;
    return !!ski && Buffer.from(ski.valueBlock.valueHexView).equals(Buffer.from(wanted));
  }
  return false;
}

export interface ParsedSignedData {
  sd: pkijs.SignedData;
  /** The certificates it carries, each as pkijs parsed it and as @peculiar/x509 reads its original DER. */
  certs: { pk: pkijs.Certificate; x: x509.X509Certificate }[];
}

/**
 * SignedData from its parsed ASN.1, with its certificates' DER as they arrived (re-encoding a
 * pkijs Certificate costs milliseconds and need not give the same bytes): the [0] certificates
 * field's elements, in the order pkijs read them.
 */
/** More than this many certificates or signers in one signature is refused before any is read (a cheap way to make verification slow). */
export const MAX_CARRIED_CERTIFICATES = 32;
export const MAX_SIGNERS = 16;

function signedDataOf(schema: unknown): ParsedSignedData {
  const sd = new pkijs.SignedData({ schema });
  if ((sd.certificates?.length ?? 0) > MAX_CARRIED_CERTIFICATES) throw new Error(`more than ${MAX_CARRIED_CERTIFICATES} certificates`);
  if (sd.signerInfos.length > MAX_SIGNERS) throw new Error(`more than ${MAX_SIGNERS} signers`);
  const field = schema instanceof asn1js.Sequence ? schema.valueBlock.value.find((b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0) : undefined;
  const blocks = field instanceof asn1js.Constructed ? field.valueBlock.value : [];
  const certs: ParsedSignedData['certs'] = [];
  (sd.certificates ?? []).forEach((pk, i) => {
    const block = blocks[i];
    if (pk instanceof pkijs.Certificate && block) certs.push({ pk, x: new x509.X509Certificate(new Uint8Array(block.valueBeforeDecodeView)) });
  });
  return { sd, certs };
}

/** Parses a CMS ContentInfo holding SignedData; undefined when it is not one. */
export function parseSignedData(der: Uint8Array): ParsedSignedData | undefined {
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der));
    if (asn.offset === -1 || asn.offset !== der.byteLength) return undefined;
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID.signedData) return undefined;
    const parsed = signedDataOf(info.content);
    return parsed.sd.signerInfos.length ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a detached CMS signature (DER) over `content`. */
export async function verifyDetached(signature: Uint8Array, content: Uint8Array, opts: VerifyOptions): Promise<Verification> {
  const parsed = parseSignedData(signature);
  if (!parsed) return { verdict: 'malformed', signers: [], detail: 'not a DER CMS SignedData' };
  const { sd } = parsed;
  if (sd.encapContentInfo.eContent) return { verdict: 'malformed', signers: [], detail: 'the signature carries its content (not detached)' };
  const signers: SignerVerification[] = [];
  for (let i = 0; i < sd.signerInfos.length; i++) {
    try {
      signers.push(await verifySigner(parsed, i, content, opts));
    } catch (err) {
      signers.push({ verdict: 'malformed', signingTime: opts.now.toISOString(), timestamped: false, revocation: 'not_checked', detail: err instanceof Error ? err.message : String(err) });
    }
  }
  return { verdict: signers.find((s) => s.verdict !== 'valid')?.verdict ?? 'valid', signers };
}
