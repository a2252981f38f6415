import assert from 'node:assert/strict';

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

/** Raw AWS JSON 1.1 call, for what the SDK would refuse to send. */
export async function rawCall(url: string, target: string | undefined, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(target ? { 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` } : {}),
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00',
      ...headers,
    },
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
