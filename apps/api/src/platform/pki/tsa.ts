import { randomUUID } from 'node:crypto';
import * as asn1js from 'asn1js';
import { attribute, digest, hashNameOf, HASH_OIDS, signingCertificateV2, type HashName } from './attributes';
import type { Authority } from './certificates';
import { OID, pkijs, toArrayBuffer } from './engine';
import { hashForKey, signedAttributesSignature } from './signer-info';

/**
 * The platform's timestamp authority (RFC 3161): it signs "these bytes' hash existed at this time"
 * with a key whose certificate carries the critical timeStamping extended key usage. A signature
 * carries such a token over its signature value (the signature-time-stamp attribute), so it still
 * verifies after the signer's certificate expires. In development the test intermediate issues the
 * TSA's certificate; in production it comes from configured files (trust-store.ts).
 */
export interface TimestampAuthority {
  /** The TimeStampToken (a CMS ContentInfo, DER) over a hash. */
  timestamp(imprint: { hash: HashName; hashed: Uint8Array }, opts?: { nonce?: Uint8Array }): Promise<Uint8Array>;
}

/** A policy OID under 2.25 (UUID-derived, X.667), so no registered arc is claimed. */
export const DARGAH_TSA_POLICY = '2.25.255188431720917853458393411634127302931';

export function createTimestampAuthority(authority: Authority, opts: { now: () => Date; policy?: string }): TimestampAuthority {
  const certificate = pkijs.Certificate.fromBER(authority.certificate.rawData);
  return {
    async timestamp({ hash, hashed }, o = {}) {
      const serial = BigInt(`0x${randomUUID().replaceAll('-', '')}`);
      const tstInfo = new pkijs.TSTInfo({
        version: 1,
        policy: opts.policy ?? DARGAH_TSA_POLICY,
        messageImprint: new pkijs.MessageImprint({
          hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OIDS[hash] }),
          hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(hashed) }),
        }),
        serialNumber: new asn1js.Integer({ valueHex: toArrayBuffer(Buffer.from(serial.toString(16).padStart(32, '0'), 'hex')) }),
        genTime: opts.now(),
        accuracy: new pkijs.Accuracy({ seconds: 1 }),
        ...(o.nonce ? { nonce: new asn1js.Integer({ valueHex: toArrayBuffer(o.nonce) }) } : {}),
      });
      const content = new Uint8Array(tstInfo.toSchema().toBER(false));
      const signedData = new pkijs.SignedData({
        version: 3,
        encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.tstInfo, eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(content) }) }),
        signerInfos: [
          new pkijs.SignerInfo({
            version: 1,
            sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
            signedAttrs: new pkijs.SignedAndUnsignedAttributes({
              type: 0,
              attributes: [
                attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.tstInfo })),
                attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(await digest(hashForKey(authority.privateKey), content)) })),
                await signingCertificateV2(certificate, new Uint8Array(authority.certificate.rawData)),
              ],
            }),
          }),
        ],
        certificates: [certificate],
      });
      await signedAttributesSignature(signedData, authority.privateKey);
      const token = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
      return new Uint8Array(token.toSchema().toBER(false));
    },
  };
}

/**
 * Answers an RFC 3161 TimeStampReq (DER) with a TimeStampResp (DER): granted with a token, or
 * rejected (badDataFormat, badAlg) when the request cannot be read or names an unsupported hash.
 * Never throws for bad input.
 */
export async function respondToTimestampRequest(tsa: TimestampAuthority, request: Uint8Array): Promise<Uint8Array> {
  const rejection = (failInfo: number, text: string) =>
    new Uint8Array(
      new pkijs.TimeStampResp({
        status: new pkijs.PKIStatusInfo({
          status: 2,
          statusStrings: [new asn1js.Utf8String({ value: text })],
          failInfo: new asn1js.BitString({ valueHex: toArrayBuffer(new Uint8Array([1 << (7 - failInfo)])), unusedBits: 7 - failInfo }),
        }),
      })
        .toSchema()
        .toBER(false),
    );
  let req: pkijs.TimeStampReq;
  try {
    req = pkijs.TimeStampReq.fromBER(toArrayBuffer(request));
  } catch {
    return rejection(5, 'bad request');
  }
  const hash = hashNameOf(req.messageImprint.hashAlgorithm.algorithmId);
  const hashed = new Uint8Array(req.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (!hash || hashed.length !== (await digest(hash, new Uint8Array())).length) return rejection(0, 'unsupported hash algorithm');
  const nonce = req.nonce ? new Uint8Array(req.nonce.valueBlock.valueHexView) : undefined;
  const token = await tsa.timestamp({ hash, hashed }, nonce ? { nonce } : {});
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: 0 }),
    timeStampToken: pkijs.ContentInfo.fromBER(toArrayBuffer(token)),
  });
  return new Uint8Array(resp.toSchema().toBER(false));
}
