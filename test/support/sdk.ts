import assert from 'node:assert/strict';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../src/protocol/sigv4.ts';
import { TEST_ADMIN_KEY } from './server.ts';

/** Awaits `promise`, expecting a Cognito error with this name (and message, when given). */
export async function rejectsWith(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    assert.equal(e.name, name, `expected ${name}, got ${e.name}: ${e.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    if (e.$metadata?.httpStatusCode !== undefined) {
      assert.equal(e.$metadata.httpStatusCode, name === 'InternalErrorException' ? 500 : 400);
    }
    return e;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

/**
 * A real SigV4 signature of a POST with the test admin key (region us-east-1, real time): what
 * a production test server (COGNATE_TEST_PRODUCTION=1) checks.
 */
async function signedHeaders(url: string, headers: Record<string, string>, body: string): Promise<Record<string, string>> {
  const u = new URL(url);
  const signer = new SignatureV4({ credentials: TEST_ADMIN_KEY, region: 'us-east-1', service: 'cognito-idp', sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign({
    method: 'POST',
    protocol: u.protocol,
    hostname: u.hostname,
    port: Number(u.port),
    path: u.pathname,
    headers: { ...headers, host: u.host },
    body,
  });
  const { host: _host, ...rest } = signed.headers as Record<string, string>;
  return rest;
}

/**
 * Raw AWS JSON 1.1 call, for what the SDK would refuse to send. Signed with a dummy signature
 * (any is accepted in local mode), or truly with the test admin key under COGNATE_TEST_PRODUCTION=1
 * unless `headers` carries its own `authorization`.
 */
export async function rawCall(url: string, target: string | undefined, body: string, headers: Record<string, string> = {}) {
  const unsigned: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    ...(target ? { 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` } : {}),
    ...headers,
  };
  const sign = process.env.COGNATE_TEST_PRODUCTION === '1' && headers.authorization === undefined && /^https?:\/\/[^/]+\/?$/.test(url);
  const res = await fetch(url, {
    method: 'POST',
    headers: sign
      ? await signedHeaders(url, unsigned, body)
      : { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00', ...unsigned },
    body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
