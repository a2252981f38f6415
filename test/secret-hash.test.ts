import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CognitoError } from '../src/errors.ts';
import { checkSecretHash, secretHash } from '../src/domain/secret-hash.ts';
import type { AppClient } from '../src/domain/types.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
const CLIENT_ID = '1example23456789';
const SECRET = 'examplesecret0123456789abcdefghijklmnopqrstuvwxyz';
const ALICE = '3RZTAjLv6Xu5OVpcHIXgeMFSfaFjOHgsyiWmoKjCpgE=';

const client = (secret: string | undefined): AppClient => ({
  clientId: CLIENT_ID,
  poolId: 'us-east-1_Example12',
  name: 'c',
  secrets: secret === undefined ? [] : [{ id: `${CLIENT_ID}--0`, value: secret, createdAt: 0 }],
  createdAt: 0,
  updatedAt: 0,
  config: {},
});

function throwsCognito(fn: () => void, type: string, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CognitoError, `expected a CognitoError, got ${String(e)}`);
    assert.equal(e.type, type);
    assert.equal(e.message, message);
    return true;
  });
}

test('secretHash matches the reference vector', () => {
  assert.equal(secretHash(SECRET, 'alice', CLIENT_ID), ALICE);
});

test('checkSecretHash accepts the vector, over any of the names given', () => {
  checkSecretHash(client(SECRET), ALICE, ['alice']);
  checkSecretHash(client(SECRET), ALICE, ['alice@example.com', 'alice']);
  checkSecretHash(client(undefined), undefined, ['alice']);
});

test('a client with a secret and no hash: NotAuthorizedException', () => {
  throwsCognito(
    () => checkSecretHash(client(SECRET), undefined, ['alice']),
    'NotAuthorizedException',
    `Client ${CLIENT_ID} is configured with secret but SECRET_HASH was not received`,
  );
});

test('a wrong hash: NotAuthorizedException (and the refresh wording)', () => {
  const overBob = secretHash(SECRET, 'bob', CLIENT_ID);
  throwsCognito(() => checkSecretHash(client(SECRET), overBob, ['alice']), 'NotAuthorizedException', `Unable to verify secret hash for client ${CLIENT_ID}`);
  throwsCognito(
    () => checkSecretHash(client(SECRET), 'not base64 at all', ['alice']),
    'NotAuthorizedException',
    `Unable to verify secret hash for client ${CLIENT_ID}`,
  );
  throwsCognito(
    () => checkSecretHash(client(SECRET), overBob, ['alice'], { refresh: true }),
    'NotAuthorizedException',
    `SecretHash does not match for the client: ${CLIENT_ID}`,
  );
});

test('a hash for a client without a secret: InvalidParameterException', () => {
  throwsCognito(
    () => checkSecretHash(client(undefined), ALICE, ['alice']),
    'InvalidParameterException',
    `App client ${CLIENT_ID} is not configured for secret but secret hash was received`,
  );
});
