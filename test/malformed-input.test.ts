import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateUserPoolCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { exceptionNames } from '../src/errors.ts';
import { operations } from '../src/operations/index.ts';
import type { Operation } from '../src/operations/operation.ts';
import { cognitoOperations } from '../src/operations/catalog.ts';
import { z } from 'zod';
import { describeEachBackend } from './support/server.ts';
import { rawCall } from './support/sdk.ts';

/**
 * Bad input of every kind, against every registered operation (operations added later are
 * covered without touching this file): the answer is always a Cognito-shaped 4xx, never a 5xx,
 * and the server keeps serving afterwards.
 */

const TARGET = 'AWSCognitoIdentityProviderService.';
const SIGNED = 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00';
const HUGE = 'a'.repeat(200_000);
const known = new Set<string>(exceptionNames);

type Answer = Awaited<ReturnType<typeof rawCall>>;

/** The base kind of a zod schema, through optional/default/pipe wrappers. */
function kindOf(schema: z.ZodType): string {
  let s: any = schema;
  for (;;) {
    const def = s._zod.def;
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else if (def.type === 'lazy') s = def.getter();
    else return def.type;
  }
}

/** The top-level members of an operation's input (its zod object shape). */
function membersOf(op: Operation): Record<string, z.ZodType> {
  let s: any = op.input;
  while (s._zod.def.type === 'pipe') s = s._zod.def.in;
  assert.ok(s instanceof z.ZodObject, `${op.name}: input is not an object shape`);
  return s.shape as Record<string, z.ZodType>;
}

const isRequired = (schema: z.ZodType) => !schema.safeParse(undefined).success;

/** A value of the wrong JSON type for a member of this kind (undefined: the member takes anything). */
function wrongValue(kind: string): unknown {
  if (kind === 'string' || kind === 'enum' || kind === 'literal') return 12345;
  if (kind === 'number' || kind === 'int' || kind === 'bigint') return 'not-a-number';
  if (kind === 'boolean') return 'true';
  if (kind === 'object' || kind === 'record' || kind === 'array') return 'not-a-structure';
  return undefined;
}

/** A harmless well-typed value, to fill the members not under test. */
function plausible(schema: z.ZodType): unknown {
  let s: any = schema;
  while (['optional', 'nullable', 'default', 'prefault', 'readonly', 'pipe'].includes(s._zod.def.type)) {
    s = s._zod.def.type === 'pipe' ? s._zod.def.in : s._zod.def.innerType;
  }
  switch (s._zod.def.type) {
    case 'string':
      return 'x';
    case 'enum':
      return Object.values(s._zod.def.entries)[0];
    case 'number':
    case 'int':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      return {};
  }
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function assertClientError(res: Answer, what: string): void {
  const shown = `${what}: ${res.status} ${res.text.slice(0, 300)}`;
  assert.ok(res.status >= 400 && res.status < 500, `expected 4xx, got ${shown}`);
  assert.ok(res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json), `body is not a JSON object: ${shown}`);
  assert.equal(typeof res.json.__type, 'string', shown);
  assert.ok(known.has(res.json.__type), `unknown exception name: ${shown}`);
  assert.equal(typeof res.json.message, 'string', shown);
  assert.ok(res.json.message.length > 0, shown);
  assert.equal(res.headers.get('x-amzn-errortype'), `${res.json.__type}:`, shown);
  assert.ok(res.headers.get('x-amzn-requestid'), `no x-amzn-RequestId: ${shown}`);
}

/** Not a 5xx; an error is well-formed and a success is a JSON object. */
function assertNotServerFault(res: Answer, what: string): void {
  if (res.status >= 400) {
    assertClientError(res, what);
    return;
  }
  assert.equal(res.status, 200, `${what}: ${res.status} ${res.text.slice(0, 300)}`);
  assert.ok(res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json), `${what}: ${res.text.slice(0, 300)}`);
  assert.ok(res.headers.get('x-amzn-requestid'), `${what}: no x-amzn-RequestId`);
}

/** A POST with exactly these headers (nothing added but what fetch must add). */
async function post(url: string, headers: Record<string, string>, body: string | Blob): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

describeEachBackend('malformed input', ({ server }) => {
  /** A pool of its own for each test: a bad body may still carry out an operation (DeleteUserPool with a null extra). */
  async function freshPool(): Promise<string> {
    const { UserPool } = await server().sdk.send(new CreateUserPoolCommand({ PoolName: 'robustness' }));
    return UserPool!.Id!;
  }

  for (const op of operations.values()) {
    test(`${op.name}: every kind of bad body is a Cognito-shaped 4xx`, async () => {
      const { url } = server();
      const poolId = await freshPool();
      const call = (body: string) => rawCall(url, op.name, body);
      const members = membersOf(op);
      const names = Object.keys(members);
      const hasRequired = names.some((n) => isRequired(members[n]!));

      for (const body of ['{', '{"UserPoolId": ', '{,}', "{'a':1}", '{"a":1}}', 'nul', '\u0000', '\ufeff{}', '{"a":"\\ud800"']) {
        assertClientError(await call(body), `${op.name} malformed JSON ${JSON.stringify(body)}`);
      }
      for (const body of ['[]', '[{}]', JSON.stringify([{ UserPoolId: poolId }]), '"text"', '""', '42', '-1.5e400', 'true', 'null']) {
        assertClientError(await call(body), `${op.name} non-object JSON ${body}`);
      }
      // Nesting deep enough to exhaust a naive recursive walk.
      const depth = 100_000;
      assertNotServerFault(await call(`{"Deep":${'['.repeat(depth)}${']'.repeat(depth)}}`), `${op.name} deep array`);
      assertNotServerFault(await call(`{"Deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`), `${op.name} deep object`);

      if (hasRequired) {
        assertClientError(await call('{}'), `${op.name} empty object`);
        assertClientError(await call(''), `${op.name} empty body`);
        assertClientError(await call('   \n'), `${op.name} blank body`);
        assertClientError(await call(JSON.stringify(Object.fromEntries(names.map((n) => [n, null])))), `${op.name} all null`);
      }

      // One bad member at a time; the others hold plausible values, so handlers see the bad one.
      const base: Record<string, unknown> = {};
      for (const n of names) if (isRequired(members[n]!)) base[n] = plausible(members[n]!);
      if ('UserPoolId' in members) base.UserPoolId = poolId;
      const withMember = (n: string, v: unknown) => JSON.stringify({ ...base, [n]: v });

      for (const n of names) {
        const kind = kindOf(members[n]!);
        const wrong = wrongValue(kind);
        if (wrong !== undefined) {
          const res = await call(withMember(n, wrong));
          assertClientError(res, `${op.name}.${n} wrong type`);
          assert.equal(res.json.__type, 'InvalidParameterException');
          assert.ok(res.json.message.includes(`Value at '${lowerFirst(n)}'`), `${op.name}.${n}: ${res.json.message}`);
        }
        for (const other of [[], {}, true]) {
          if (kind === 'array' && Array.isArray(other)) continue;
          if ((kind === 'object' || kind === 'record') && !Array.isArray(other) && typeof other === 'object') continue;
          if (kind === 'boolean' && other === true) continue;
          assertClientError(await call(withMember(n, other)), `${op.name}.${n} = ${JSON.stringify(other)}`);
        }
        assertNotServerFault(await call(withMember(n, null)), `${op.name}.${n} null`);
        if (kind === 'string') {
          assertNotServerFault(await call(withMember(n, HUGE)), `${op.name}.${n} oversized`);
          assertNotServerFault(await call(withMember(n, 'a\u0000b')), `${op.name}.${n} NUL`);
          assertNotServerFault(await call(withMember(n, '\ud800x\udfff')), `${op.name}.${n} lone surrogates`);
          assertNotServerFault(await call(withMember(n, '')), `${op.name}.${n} empty`);
          assertNotServerFault(await call(withMember(n, ' \t\n')), `${op.name}.${n} blank`);
        }
        if (kind === 'number' || kind === 'int') {
          for (const v of [1.5, -1, 2 ** 31, 2 ** 53 + 2, 1e300, -1e300]) {
            assertNotServerFault(await call(withMember(n, v)), `${op.name}.${n} = ${v}`);
          }
        }
      }
      // Unknown and oddly named members are ignored or refused, never fatal.
      assertNotServerFault(await call(`{"__proto__":{"UserPoolId":"${poolId}"},"constructor":1}`), `${op.name} __proto__ member`);
      assertNotServerFault(await call(withMember('Unknown', HUGE)), `${op.name} unknown member`);
    });
  }

  test('unknown, missing and unimplemented X-Amz-Target', async () => {
    const { url } = server();
    const poolId = await freshPool();
    const body = JSON.stringify({ UserPoolId: poolId });

    const unknown = await rawCall(url, 'NoSuchOperation', body);
    assertClientError(unknown, 'unknown operation');
    assert.equal(unknown.json.__type, 'UnknownOperationException');

    for (const target of ['', 'AWSCognitoIdentityProviderService', 'AWSCognitoIdentityProviderService.', 'Other.DescribeUserPool', 'x'.repeat(10_000)]) {
      const res = await post(url, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, authorization: SIGNED }, body);
      assertClientError(res, `target ${JSON.stringify(target.slice(0, 40))}`);
      assert.equal(res.json.__type, 'UnknownOperationException');
    }

    const missing = await post(url, { 'content-type': 'application/x-amz-json-1.1', authorization: SIGNED }, body);
    assertClientError(missing, 'missing target');
    assert.equal(missing.json.__type, 'UnknownOperationException');

    // A real Cognito operation that is not implemented: named in the answer.
    const unimplemented = [...cognitoOperations].find((name) => !operations.has(name));
    if (unimplemented !== undefined) {
      const res = await rawCall(url, unimplemented, body);
      assertClientError(res, unimplemented);
      assert.equal(res.json.__type, 'UnsupportedOperationException');
      assert.ok(res.json.message.includes(unimplemented), res.json.message);
    }
  });

  test('signed operations without an Authorization header are MissingAuthenticationTokenException', async () => {
    const { url } = server();
    const poolId = await freshPool();
    const signed = [...operations.values()].filter((op) => op.auth === 'signed').map((op) => op.name);
    assert.ok(signed.length > 0);
    for (const name of signed) {
      const res = await post(url, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET + name }, JSON.stringify({ UserPoolId: poolId }));
      assertClientError(res, `${name} unsigned`);
      assert.equal(res.json.__type, 'MissingAuthenticationTokenException');
      const other = await post(url, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET + name, authorization: 'Bearer abc' }, '{}');
      assertClientError(other, `${name} bearer`);
      assert.equal(other.json.__type, 'MissingAuthenticationTokenException');
    }
  });

  test('content types other than JSON are refused; the AWS JSON types and a missing type are read', async () => {
    const { url } = server();
    const poolId = await freshPool();
    const body = JSON.stringify({ UserPoolId: poolId });
    const headers = { 'x-amz-target': `${TARGET}DescribeUserPool`, authorization: SIGNED };
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'image/png',
      'nonsense',
    ]) {
      const res = await post(url, { ...headers, 'content-type': type }, body);
      assertClientError(res, `content-type ${type}`);
      assert.equal(res.json.__type, 'SerializationException', type);
    }
    for (const type of [
      'application/x-amz-json-1.1',
      'application/x-amz-json-1.0',
      'application/json',
      'application/x-amz-json-1.1; charset=utf-8',
      'Application/X-Amz-Json-1.1',
    ]) {
      const res = await post(url, { ...headers, 'content-type': type }, body);
      assert.equal(res.status, 200, `${type}: ${res.text.slice(0, 200)}`);
      assert.equal(res.json.UserPool.Id, poolId);
    }
    // A Blob without a type: fetch sends no content-type header.
    const untyped = await post(url, headers, new Blob([body]));
    assert.equal(untyped.status, 200, untyped.text.slice(0, 200));
  });

  test('oversized bodies, other methods and other paths are Cognito-shaped 4xx', async () => {
    const { url } = server();
    const poolId = await freshPool();
    const big = JSON.stringify({ UserPoolId: poolId, Pad: 'a'.repeat(3 * 1024 * 1024) });
    assertClientError(await rawCall(url, 'DescribeUserPool', big), 'body too large');
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(url, { method, headers: { 'x-amz-target': `${TARGET}DescribeUserPool` }, body: '{}' });
      const text = await res.text();
      assertClientError({ status: res.status, headers: res.headers, text, json: JSON.parse(text) }, method);
    }
    for (const path of ['/nope', '/%', '/%E0%A4%A', '/..%2f..%2fetc']) {
      const res = await fetch(url + path, { method: 'GET' });
      const text = await res.text();
      let json: any;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      assertClientError({ status: res.status, headers: res.headers, text, json }, `GET ${path}`);
    }
    // Fastify reads any path for POST; a weird path still reaches the dispatcher.
    assertClientError(await rawCall(`${url}/%zz`, 'DescribeUserPool', '{}'), 'POST /%zz');
  });

  test('after all of it the server still serves the SDK', async () => {
    const { sdk } = server();
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'still-alive' }));
    const described = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }));
    assert.equal(described.UserPool!.Name, 'still-alive');
  });

  test('CORS: the preflight allows POST and the headers asked for', async () => {
    const { url } = server();
    const asked = 'content-type,x-amz-target,x-amz-user-agent,authorization,amz-sdk-invocation-id';
    const res = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': asked },
    });
    await res.text();
    assert.ok(res.status >= 200 && res.status < 300, `preflight ${res.status}`);
    const origin = res.headers.get('access-control-allow-origin');
    assert.ok(origin === 'https://app.example.com' || origin === '*', `allow-origin ${origin}`);
    const methods = (res.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim().toUpperCase());
    assert.ok(methods.includes('POST'), `allow-methods ${methods}`);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
    for (const h of asked.split(',')) assert.ok(allowed.includes(h) || allowed.includes('*'), `allow-headers lacks ${h}: ${allowed}`);
    assert.ok(res.headers.get('x-amzn-requestid'));

    // A preflight to another path, as browsers send it to the endpoint URL as configured.
    const other = await fetch(`${url}/some/path`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target' },
    });
    await other.text();
    assert.ok(other.status >= 200 && other.status < 300);
    assert.ok(other.headers.get('access-control-allow-origin'));
  });

  test('CORS and request ids on answers: expose headers on success and on error; empty success is "{}"', async () => {
    const { url } = server();
    const poolId = await freshPool();
    const origin = { origin: 'https://app.example.com' };
    const exposedOf = (res: Answer) => (res.headers.get('access-control-expose-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());

    const ok = await rawCall(url, 'DescribeUserPool', JSON.stringify({ UserPoolId: poolId }), origin);
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /^application\/x-amz-json-1\.1/);
    assert.ok(ok.headers.get('access-control-allow-origin'));
    assert.ok(exposedOf(ok).includes('x-amzn-requestid'), `${exposedOf(ok)}`);
    assert.ok(exposedOf(ok).includes('x-amzn-errortype'), `${exposedOf(ok)}`);
    assert.ok(ok.headers.get('x-amzn-requestid'));

    const bad = await rawCall(url, 'DescribeUserPool', '{', origin);
    assertClientError(bad, 'bad JSON with origin');
    assert.ok(bad.headers.get('access-control-allow-origin'));
    assert.ok(exposedOf(bad).includes('x-amzn-errortype'));
    assert.ok(exposedOf(bad).includes('x-amzn-requestid'));

    // Two answers, two request ids.
    const again = await rawCall(url, 'DescribeUserPool', JSON.stringify({ UserPoolId: poolId }));
    assert.notEqual(again.headers.get('x-amzn-requestid'), ok.headers.get('x-amzn-requestid'));

    // An operation with nothing to return answers an empty JSON object.
    const group = JSON.stringify({ UserPoolId: poolId, GroupName: 'cors-empty' });
    assert.equal((await rawCall(url, 'CreateGroup', group)).status, 200);
    const empty = await rawCall(url, 'DeleteGroup', group);
    assert.equal(empty.status, 200);
    assert.equal(empty.text, '{}');
    assert.match(empty.headers.get('content-type') ?? '', /^application\/x-amz-json-1\.1/);
  });
});
