import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AdminCredential } from '../config/admin-credentials.ts';
import { fail } from '../errors.ts';

/**
 * Checks the AWS Signature Version 4 of a signed (admin and management) call against the
 * configured access keys (`--admin-credentials`): the signature is computed again with
 * @smithy/signature-v4, the signer the SDKs use, over the headers the caller says it signed,
 * and compared in constant time. Facts: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html; the error names and messages are
 * the generic AWS ones.
 */

/** What of the HTTP request the signature covers. */
export interface SignedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  /** Lowercased names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received. */
  body: string;
}

const SERVICE = 'cognito-idp';
const MAX_SKEW_MS = 15 * 60_000;
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** node:crypto behind the Checksum interface SignatureV4 expects (an HMAC when given a key). */
type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Data) =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

export class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    throw new Error('not resettable');
  }
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`, or undefined when malformed. */
function parseAuthorization(value: string): { credential: string[]; signedHeaders: string[]; signature: string } | undefined {
  const match = /^AWS4-HMAC-SHA256 (.*)$/.exec(value.trim());
  if (!match) return undefined;
  const parts = new Map<string, string>();
  for (const piece of match[1]!.split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const credential = parts.get('Credential')?.split('/');
  const signedHeaders = parts.get('SignedHeaders')?.split(';');
  const signature = parts.get('Signature');
  if (credential?.length !== 5 || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  return { credential, signedHeaders, signature };
}

/** `20261122T010203Z` → epoch ms, or undefined. */
function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(ms) ? undefined : ms;
}

const amzDate = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

export interface SigV4Verifier {
  /** Resolves when the request is signed by a configured key; throws the AWS error otherwise. */
  verify(request: SignedRequest): Promise<void>;
}

export function createSigV4Verifier(credentials: readonly AdminCredential[], region: string, now: () => number): SigV4Verifier {
  const signers = new Map<string, SignatureV4>();
  for (const c of credentials) {
    signers.set(
      c.accessKeyId,
      new SignatureV4({
        credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
        region,
        service: SERVICE,
        sha256: Sha256,
        // The caller's x-amz-content-sha256, when it signed one, is checked below; none is added.
        applyChecksum: false,
      }),
    );
  }

  return {
    async verify(request) {
      const authorization = headerValue(request.headers.authorization) ?? '';
      const parsed = parseAuthorization(authorization);
      if (!parsed) {
        throw fail(
          'IncompleteSignatureException',
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters, and the algorithm AWS4-HMAC-SHA256.",
        );
      }
      const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator] = parsed.credential as [string, string, string, string, string];
      const signer = signers.get(accessKeyId);
      // Temporary credentials are never issued here, so a session token cannot be valid.
      if (!signer || request.headers['x-amz-security-token'] !== undefined) {
        throw fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
      }
      if (!parsed.signedHeaders.includes('host') || !parsed.signedHeaders.includes('x-amz-date')) {
        throw fail('IncompleteSignatureException', "The request must sign the 'host' and 'x-amz-date' headers.");
      }
      // X-Amz-Target names the operation, and nothing else in the request does: left out of the
      // signature, a signed AdminGetUser could be sent again as AdminDeleteUser. The SDKs always
      // sign it. The refusal is shaped as AWS JSON endpoints refuse a request whose signature
      // leaves out a header they require (DynamoDB answers an unsigned Host with
      // InvalidSignatureException "'Host' or ':authority' must be a 'SignedHeader' in the AWS
      // Authorization."): the signature is whole but does not cover what it must, so it is
      // invalid rather than incomplete.
      // (A GET of a /_cognate/* endpoint carries no X-Amz-Target: its signed path says what it is.)
      if (request.headers['x-amz-target'] !== undefined && !parsed.signedHeaders.includes('x-amz-target')) {
        throw fail('InvalidSignatureException', "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
      }
      const dateHeader = headerValue(request.headers['x-amz-date']) ?? '';
      const signedAt = parseAmzDate(dateHeader);
      if (signedAt === undefined) throw fail('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${dateHeader.slice(0, 40)}'.`);
      if (terminator !== 'aws4_request' || scopeDate !== dateHeader.slice(0, 8)) {
        throw fail('InvalidSignatureException', "Credential should be scoped to a valid date and end in 'aws4_request'.");
      }
      if (scopeRegion !== region) throw fail('InvalidSignatureException', `Credential should be scoped to a valid region, not '${scopeRegion.slice(0, 40)}'.`);
      if (scopeService !== SERVICE) throw fail('InvalidSignatureException', `Credential should be scoped to correct service: '${SERVICE}'.`);
      const current = now();
      if (signedAt < current - MAX_SKEW_MS) {
        throw fail(
          'InvalidSignatureException',
          `Signature expired: ${dateHeader} is now earlier than ${amzDate(current - MAX_SKEW_MS)} (${amzDate(current)} - 15 min.)`,
        );
      }
      if (signedAt > current + MAX_SKEW_MS) {
        throw fail(
          'InvalidSignatureException',
          `Signature not yet current: ${dateHeader} is still later than ${amzDate(current + MAX_SKEW_MS)} (${amzDate(current)} + 15 min.)`,
        );
      }

      const headers: Record<string, string> = {};
      for (const name of parsed.signedHeaders) {
        const value = headerValue(request.headers[name]);
        if (value === undefined) throw fail('InvalidSignatureException', MISMATCH);
        headers[name] = value;
      }
      // A signed payload hash must be the body's, or the body could be swapped under a good signature.
      const claimedHash = headers['x-amz-content-sha256'];
      if (claimedHash !== undefined && claimedHash !== createHash('sha256').update(request.body).digest('hex')) {
        throw fail('InvalidSignatureException', MISMATCH);
      }
      const queryAt = request.url.indexOf('?');
      const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
      const query: Record<string, string | string[]> = {};
      if (queryAt >= 0) {
        for (const [key, value] of new URLSearchParams(request.url.slice(queryAt + 1))) {
          const prior = query[key];
          query[key] = prior === undefined ? value : ([] as string[]).concat(prior, value);
        }
      }
      const signed = await signer.sign(
        { method: request.method, protocol: 'http:', hostname: headers.host ?? '', path, query, headers, body: request.body },
        { signingDate: new Date(signedAt), signableHeaders: new Set(parsed.signedHeaders) },
      );
      const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
      const a = Buffer.from(expected);
      const b = Buffer.from(parsed.signature);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw fail('InvalidSignatureException', MISMATCH);
    },
  };
}
