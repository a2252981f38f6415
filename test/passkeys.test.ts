import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserAuthFactorsCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  CompleteWebAuthnRegistrationCommand,
  DeleteUserPoolCommand,
  DeleteWebAuthnCredentialCommand,
  DescribeUserPoolCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  ListWebAuthnCredentialsCommand,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError } from '../src/errors.ts';
import type { User, UserPool } from '../src/domain/types.ts';
import { authenticationOptions, originAllowed, userHasPasskey, verifyAssertion } from '../src/webauthn/webauthn.ts';
import { passwordAuth, signInSetup, type SignInSetup } from './support/auth.ts';
import { type CreationOptions, softwareAuthenticator, type SoftwareAuthenticator } from './support/authenticator.ts';
import { createClient } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

const RP = 'example.com';
const ORIGIN = 'https://example.com';
const INCORRECT = 'Incorrect username or password.';
const CHALLENGE_NOT_FOUND = 'The passkey registration challenge was not found or has expired. Call StartWebAuthnRegistration again.';

type MfaConfig = Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>;

interface PasskeyUser extends SignInSetup {
  accessToken: string;
  authenticator: SoftwareAuthenticator;
}

interface SetupOptions {
  factors?: string[];
  mfa?: MfaConfig | null;
  username?: string;
  attributes?: Record<string, string>;
  origin?: string;
}

/** A pool allowing PASSWORD and WEB_AUTHN first factors with RP `example.com`, and a signed-in user. */
async function passkeySetup(server: TestServer, options: SetupOptions = {}): Promise<PasskeyUser> {
  const s = await signInSetup(server, {
    pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: (options.factors ?? ['PASSWORD', 'WEB_AUTHN']) as never } } },
    username: options.username,
    attributes: options.attributes,
  });
  const mfa = options.mfa === undefined ? { WebAuthnConfiguration: { RelyingPartyId: RP, UserVerification: 'preferred' as const } } : options.mfa;
  if (mfa) await server.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: s.poolId, ...mfa }));
  return { ...s, accessToken: await signIn(server, s), authenticator: softwareAuthenticator(options.origin ?? ORIGIN) };
}

async function signIn(server: TestServer, s: SignInSetup): Promise<string> {
  const out = await passwordAuth(server, s, s.username, s.password);
  assert.ok(out.AuthenticationResult?.AccessToken);
  return out.AuthenticationResult.AccessToken;
}

/** Another user in the same pool, signed in through the same client. */
async function secondUser(server: TestServer, s: PasskeyUser, username: string): Promise<PasskeyUser> {
  await server.sdk.send(new AdminCreateUserCommand({ UserPoolId: s.poolId, Username: username, MessageAction: 'SUPPRESS' }));
  await server.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: s.poolId, Username: username, Password: s.password, Permanent: true }));
  const other = { ...s, username };
  return { ...other, accessToken: await signIn(server, other), authenticator: softwareAuthenticator(ORIGIN) };
}

const start = async (server: TestServer, accessToken: string) =>
  (await server.sdk.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }))).CredentialCreationOptions as unknown as CreationOptions &
    Record<string, any>;

const complete = (server: TestServer, accessToken: string, credential: unknown) =>
  server.sdk.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as never }));

const list = (server: TestServer, accessToken: string, more: { MaxResults?: number; NextToken?: string } = {}) =>
  server.sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, ...more }));

/** Start → authenticator → Complete; resolves the new credential id. */
async function registerPasskey(server: TestServer, u: PasskeyUser, overrides: Parameters<SoftwareAuthenticator['register']>[1] = {}): Promise<string> {
  const response = u.authenticator.register(await start(server, u.accessToken), overrides);
  await complete(server, u.accessToken, response);
  return response.id;
}

async function poolAndUser(server: TestServer, u: SignInSetup): Promise<{ pool: UserPool; user: User }> {
  const pool = (await server.services.stores.pools.get(u.poolId))!;
  const user = (await server.services.stores.users.get(u.poolId, u.username))!;
  return { pool, user };
}

/** Expects a refused assertion: NotAuthorizedException with the public message, the reason in the detail. */
async function refused(promise: Promise<unknown>, reason: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CognitoError, `expected a CognitoError, got ${String(error)}`);
    assert.equal(error.type, 'NotAuthorizedException');
    assert.equal(error.message, INCORRECT);
    assert.match(error.detail ?? '', reason);
    return true;
  });
}

test('originAllowed: https on the RP id or a subdomain; http only on localhost and *.localhost', () => {
  const cases: [string, string, boolean][] = [
    ['https://example.com', 'example.com', true],
    ['https://app.example.com', 'example.com', true],
    ['https://a.b.example.com:8443', 'example.com', true],
    ['https://example.com', 'EXAMPLE.com', true],
    ['http://example.com', 'example.com', false],
    ['https://evilexample.com', 'example.com', false],
    ['https://example.com.evil.com', 'example.com', false],
    ['https://example.com/', 'example.com', false],
    ['https://example.com/path', 'example.com', false],
    ['https://user@example.com', 'example.com', false],
    ['android:apk-key-hash:abc', 'example.com', false],
    ['not a url', 'example.com', false],
    ['http://localhost:5173', 'localhost', true],
    ['http://localhost', 'localhost', true],
    ['https://localhost:3000', 'localhost', true],
    ['http://127.0.0.1:5173', 'localhost', false],
    ['http://localhost:5173', 'example.com', false],
    ['http://app.auth.us-east-1.localhost:9229', 'app.auth.us-east-1.localhost', true],
    ['http://app.auth.us-east-1.localhost:9229', 'localhost', true],
    ['http://other.auth.us-east-1.localhost', 'app.auth.us-east-1.localhost', false],
    ['http://evil-localhost.com', 'localhost', false],
    ['http://app.localhost.evil.com', 'localhost', false],
  ];
  for (const [origin, rpId, allowed] of cases) assert.equal(originAllowed(origin, rpId), allowed, `${origin} for ${rpId}`);
});

describeEachBackend('passkey registration', ({ server }) => {
  test('Start returns creation options for the pool and the user', async () => {
    const u = await passkeySetup(server());
    const options = await start(server(), u.accessToken);
    const { UserAttributes } = await server().sdk.send(new GetUserCommand({ AccessToken: u.accessToken }));
    const sub = UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
    assert.match(options.challenge, /^[A-Za-z0-9_-]+$/);
    assert.ok(Buffer.from(options.challenge, 'base64url').length >= 16);
    assert.deepEqual(options.rp, { name: 'test', id: RP });
    assert.deepEqual(options.user, { id: Buffer.from(sub).toString('base64url'), name: 'alice', displayName: 'alice' });
    assert.deepEqual(options.pubKeyCredParams, [
      { alg: -7, type: 'public-key' },
      { alg: -257, type: 'public-key' },
    ]);
    assert.equal(options.timeout, 300000);
    assert.deepEqual(options.excludeCredentials, []);
    assert.deepEqual(options.authenticatorSelection, { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' });
    assert.equal(options.attestation, 'none');
    assert.deepEqual(options.extensions, { credProps: true });
    // Each Start hands out a new challenge.
    assert.notEqual((await start(server(), u.accessToken)).challenge, options.challenge);
  });

  test('Start → authenticator → Complete registers a passkey that List shows and the next Start excludes', async () => {
    const u = await passkeySetup(server());
    const before = server().clock.now();
    const id = await registerPasskey(server(), u);
    const after = server().clock.now();
    const { Credentials, NextToken } = await list(server(), u.accessToken);
    assert.equal(NextToken, undefined);
    assert.equal(Credentials!.length, 1);
    const c = Credentials![0]!;
    assert.equal(c.CredentialId, id);
    assert.equal(c.RelyingPartyId, RP);
    assert.equal(c.AuthenticatorAttachment, 'platform');
    assert.deepEqual(c.AuthenticatorTransports, ['internal', 'hybrid']);
    assert.ok(c.FriendlyCredentialName);
    assert.ok(c.CreatedAt instanceof Date);
    assert.ok(c.CreatedAt.getTime() >= before - 1000 && c.CreatedAt.getTime() <= after, 'CreatedAt is the registration time');
    const next = await start(server(), u.accessToken);
    assert.deepEqual(next.excludeCredentials, [{ id, type: 'public-key', transports: ['internal', 'hybrid'] }]);
    const stored = await server().services.stores.webauthn.getCredential(u.poolId, id);
    assert.equal(stored?.username, u.username);
    assert.equal(stored?.signCount, 0);
  });

  test('an RP id of localhost accepts a development origin on http://localhost', async () => {
    const u = await passkeySetup(server(), {
      mfa: { WebAuthnConfiguration: { RelyingPartyId: 'localhost', UserVerification: 'preferred' } },
      origin: 'http://localhost:5173',
    });
    const id = await registerPasskey(server(), u);
    const { Credentials } = await list(server(), u.accessToken);
    assert.equal(Credentials![0]!.RelyingPartyId, 'localhost');
    assert.equal(Credentials![0]!.CredentialId, id);
  });

  test('AuthenticatorAttachment is left out when the browser did not report it', async () => {
    const u = await passkeySetup(server());
    await registerPasskey(server(), u, { attachment: null, transports: ['usb'] });
    const { Credentials } = await list(server(), u.accessToken);
    assert.equal(Credentials![0]!.AuthenticatorAttachment, undefined);
    assert.deepEqual(Credentials![0]!.AuthenticatorTransports, ['usb']);
  });

  test('Complete without a matching Start, after expiry, or a second time: WebAuthnChallengeNotFoundException', async () => {
    const u = await passkeySetup(server());
    const options = await start(server(), u.accessToken);
    // A challenge the server never handed out.
    const made = u.authenticator.register({ ...options, challenge: Buffer.alloc(32, 7).toString('base64url') });
    await rejectsWith(complete(server(), u.accessToken, made), 'WebAuthnChallengeNotFoundException', CHALLENGE_NOT_FOUND);
    // Used once, then gone.
    const good = u.authenticator.register(options);
    await complete(server(), u.accessToken, good);
    await rejectsWith(complete(server(), u.accessToken, good), 'WebAuthnChallengeNotFoundException', CHALLENGE_NOT_FOUND);
    // Expired.
    const late = u.authenticator.register(await start(server(), u.accessToken));
    server().clock.advance(5 * 60_000 + 1000);
    await rejectsWith(complete(server(), u.accessToken, late), 'WebAuthnChallengeNotFoundException', CHALLENGE_NOT_FOUND);
    // Another user's challenge does not count either.
    const bob = await secondUser(server(), u, 'bob');
    const bobs = u.authenticator.register(await start(server(), bob.accessToken));
    await rejectsWith(complete(server(), u.accessToken, bobs), 'WebAuthnChallengeNotFoundException', CHALLENGE_NOT_FOUND);
    assert.equal((await list(server(), u.accessToken)).Credentials!.length, 1);
  });

  test('a refused Complete uses the challenge up', async () => {
    const u = await passkeySetup(server());
    const options = await start(server(), u.accessToken);
    await rejectsWith(
      complete(server(), u.accessToken, u.authenticator.register(options, { origin: 'https://evil.com' })),
      'WebAuthnOriginNotAllowedException',
    );
    await rejectsWith(complete(server(), u.accessToken, u.authenticator.register(options)), 'WebAuthnChallengeNotFoundException', CHALLENGE_NOT_FOUND);
  });

  test('an origin outside the RP id: WebAuthnOriginNotAllowedException', async () => {
    const u = await passkeySetup(server());
    const message = 'The origin of the passkey registration is not allowed for the relying party ID of the user pool.';
    for (const origin of ['https://evil.com', 'http://example.com', 'https://example.com.evil.com']) {
      const response = u.authenticator.register(await start(server(), u.accessToken), { origin });
      await rejectsWith(complete(server(), u.accessToken, response), 'WebAuthnOriginNotAllowedException', message);
    }
    // A subdomain of the RP id is fine.
    await registerPasskey(server(), u, { origin: 'https://app.example.com' });
    assert.equal((await list(server(), u.accessToken)).Credentials!.length, 1);
  });

  test('a credential bound to another RP id: WebAuthnRelyingPartyMismatchException', async () => {
    const u = await passkeySetup(server());
    const response = u.authenticator.register(await start(server(), u.accessToken), { rpId: 'evil.com' });
    await rejectsWith(
      complete(server(), u.accessToken, response),
      'WebAuthnRelyingPartyMismatchException',
      'The passkey credential is bound to another relying party ID than the user pool.',
    );
  });

  test('an access token of another app client than Start: WebAuthnClientMismatchException', async () => {
    const u = await passkeySetup(server());
    const options = await start(server(), u.accessToken);
    const other = await createClient(server(), u.poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    const otherToken = await signIn(server(), { ...u, client: other });
    const response = u.authenticator.register(options);
    await rejectsWith(
      complete(server(), otherToken, response),
      'WebAuthnClientMismatchException',
      'The passkey registration was started with an access token of another app client.',
    );
    // The start is still there for the right client.
    await complete(server(), u.accessToken, response);
    assert.equal((await list(server(), u.accessToken)).Credentials!.length, 1);
  });

  test('an unverifiable attestation, a missing required UV, or a credential id taken: WebAuthnCredentialNotSupportedException', async () => {
    const u = await passkeySetup(server());
    const unsupported = 'The passkey credential is not supported.';
    // `packed` with an empty statement cannot verify.
    await rejectsWith(
      complete(server(), u.accessToken, u.authenticator.register(await start(server(), u.accessToken), { fmt: 'packed' })),
      'WebAuthnCredentialNotSupportedException',
      unsupported,
    );
    // Wrong clientData type for a registration.
    await rejectsWith(
      complete(server(), u.accessToken, u.authenticator.register(await start(server(), u.accessToken), { type: 'webauthn.get' })),
      'InvalidParameterException',
      'The credential is not a registration response (clientDataJSON.type must be webauthn.create).',
    );
    const id = await registerPasskey(server(), u);
    await rejectsWith(
      complete(server(), u.accessToken, u.authenticator.register(await start(server(), u.accessToken), { credentialId: Buffer.from(id, 'base64url') })),
      'WebAuthnCredentialNotSupportedException',
      'The passkey credential is already registered.',
    );

    const strict = await passkeySetup(server(), { mfa: { WebAuthnConfiguration: { RelyingPartyId: RP, UserVerification: 'required' } } });
    const options = await start(server(), strict.accessToken);
    assert.equal(options.authenticatorSelection.userVerification, 'required');
    await rejectsWith(
      complete(server(), strict.accessToken, strict.authenticator.register(options, { userVerified: false })),
      'WebAuthnCredentialNotSupportedException',
      unsupported,
    );
    await registerPasskey(server(), strict);
    assert.equal((await list(server(), strict.accessToken)).Credentials!.length, 1);
  });

  test('passkeys not allowed as a first factor: WebAuthnNotEnabledException; no RP id: WebAuthnConfigurationMissingException', async () => {
    const off = await passkeySetup(server(), { factors: ['PASSWORD'] });
    const notEnabled = 'Passkey authentication is not enabled for the user pool.';
    await rejectsWith(start(server(), off.accessToken), 'WebAuthnNotEnabledException', notEnabled);
    await rejectsWith(
      complete(
        server(),
        off.accessToken,
        off.authenticator.register({ challenge: 'AAAA', rp: { id: RP, name: 'x' }, user: { id: 'AA', name: 'a', displayName: 'a' } }),
      ),
      'WebAuthnNotEnabledException',
      notEnabled,
    );

    const missing = await passkeySetup(server(), { mfa: null });
    await rejectsWith(
      start(server(), missing.accessToken),
      'WebAuthnConfigurationMissingException',
      'The user pool has no WebAuthn relying party ID configured.',
    );
    const { pool, user } = await poolAndUser(server(), missing);
    await assert.rejects(authenticationOptions(server().services, pool, user), { type: 'WebAuthnConfigurationMissingException' });
    assert.equal(await userHasPasskey(server().services, pool, user), false);
  });

  test('malformed Credential documents and tokens get 400s, never 500s', async () => {
    const u = await passkeySetup(server());
    const good = u.authenticator.register(await start(server(), u.accessToken));
    const { response: _r, ...noResponse } = good;
    await rejectsWith(
      complete(server(), u.accessToken, noResponse),
      'InvalidParameterException',
      "1 validation error detected: Value at 'credential.response' failed to satisfy constraint: Member must not be null",
    );
    await rejectsWith(complete(server(), u.accessToken, { ...good, type: 'password' }), 'InvalidParameterException');
    await rejectsWith(complete(server(), u.accessToken, 'not an object'), 'InvalidParameterException');
    await rejectsWith(
      complete(server(), u.accessToken, { ...good, response: { ...good.response, attestationObject: 'not base64!' } }),
      'InvalidParameterException',
    );
    await rejectsWith(
      complete(server(), u.accessToken, { ...good, response: { ...good.response, clientDataJSON: Buffer.from('{nope').toString('base64url') } }),
      'InvalidParameterException',
      'The credential clientDataJSON is not valid.',
    );
    // Garbage where the attestation object should be, with a valid challenge.
    await rejectsWith(
      complete(server(), u.accessToken, { ...good, response: { ...good.response, attestationObject: Buffer.from('garbage').toString('base64url') } }),
      'WebAuthnCredentialNotSupportedException',
    );
    await rejectsWith(start(server(), 'not-a-token'), 'NotAuthorizedException', 'Invalid Access Token');
    await rejectsWith(complete(server(), 'not-a-token', good), 'NotAuthorizedException', 'Invalid Access Token');
  });

  test('a user can hold at most 20 passkeys: LimitExceededException', async () => {
    const u = await passkeySetup(server());
    for (let i = 0; i < 20; i++) await registerPasskey(server(), u);
    await rejectsWith(start(server(), u.accessToken), 'LimitExceededException', 'A user can register at most 20 passkeys.');
    const all = await list(server(), u.accessToken);
    assert.equal(all.Credentials!.length, 20);
    assert.equal(all.NextToken, undefined);
  });
});

describeEachBackend('passkey listing and deletion', ({ server }) => {
  test('List pages with MaxResults and NextToken; bad tokens and sizes are refused', async () => {
    const u = await passkeySetup(server());
    const ids = [await registerPasskey(server(), u), await registerPasskey(server(), u), await registerPasskey(server(), u)].sort();
    const first = await list(server(), u.accessToken, { MaxResults: 2 });
    assert.deepEqual(
      first.Credentials!.map((c) => c.CredentialId),
      ids.slice(0, 2),
    );
    assert.ok(first.NextToken);
    const second = await list(server(), u.accessToken, { MaxResults: 2, NextToken: first.NextToken });
    assert.deepEqual(
      second.Credentials!.map((c) => c.CredentialId),
      ids.slice(2),
    );
    assert.equal(second.NextToken, undefined);
    await rejectsWith(list(server(), u.accessToken, { NextToken: 'forged' }), 'InvalidParameterException', /^Paging marker is invalid for request /);
    // A token of one user's listing is no good for another's.
    const bob = await secondUser(server(), u, 'bob');
    await rejectsWith(list(server(), bob.accessToken, { NextToken: first.NextToken }), 'InvalidParameterException', /^Paging marker is invalid/);
    await rejectsWith(
      list(server(), u.accessToken, { MaxResults: 21 }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20",
    );
    assert.deepEqual((await list(server(), bob.accessToken)).Credentials, []);
  });

  test("Delete removes the passkey; unknown or another user's id: ResourceNotFoundException", async () => {
    const u = await passkeySetup(server());
    const bob = await secondUser(server(), u, 'bob');
    const id = await registerPasskey(server(), u);
    const bobs = await registerPasskey(server(), bob);
    const notFound = 'Passkey credential does not exist.';
    await rejectsWith(
      server().sdk.send(new DeleteWebAuthnCredentialCommand({ AccessToken: u.accessToken, CredentialId: 'unknown' })),
      'ResourceNotFoundException',
      notFound,
    );
    await rejectsWith(
      server().sdk.send(new DeleteWebAuthnCredentialCommand({ AccessToken: u.accessToken, CredentialId: bobs })),
      'ResourceNotFoundException',
      notFound,
    );
    await rejectsWith(server().sdk.send(new DeleteWebAuthnCredentialCommand({ AccessToken: u.accessToken, CredentialId: '' })), 'InvalidParameterException');
    const { pool, user } = await poolAndUser(server(), u);
    assert.equal(await userHasPasskey(server().services, pool, user), true);
    await server().sdk.send(new DeleteWebAuthnCredentialCommand({ AccessToken: u.accessToken, CredentialId: id }));
    assert.deepEqual((await list(server(), u.accessToken)).Credentials, []);
    assert.equal(await userHasPasskey(server().services, pool, user), false);
    await rejectsWith(
      server().sdk.send(new DeleteWebAuthnCredentialCommand({ AccessToken: u.accessToken, CredentialId: id })),
      'ResourceNotFoundException',
      notFound,
    );
    assert.equal((await list(server(), bob.accessToken)).Credentials!.length, 1);
  });

  test('deleting the user or the pool deletes its passkeys', async () => {
    const u = await passkeySetup(server());
    const bob = await secondUser(server(), u, 'bob');
    const id = await registerPasskey(server(), u);
    const bobs = await registerPasskey(server(), bob);
    await start(server(), u.accessToken); // a pending registration, too
    const store = server().services.stores.webauthn;
    await server().sdk.send(new AdminDeleteUserCommand({ UserPoolId: u.poolId, Username: u.username }));
    assert.equal(await store.getCredential(u.poolId, id), undefined);
    assert.equal(await store.countCredentials(u.poolId, u.username), 0);
    assert.ok(await store.getCredential(u.poolId, bobs));
    await server().sdk.send(new DeleteUserPoolCommand({ UserPoolId: u.poolId }));
    assert.equal(await store.getCredential(u.poolId, bobs), undefined);
  });
});

describeEachBackend('passkey assertions (the WEB_AUTHN verifier)', ({ server }) => {
  /** A user with one registered passkey, and the pool and user as the engine sees them. */
  async function registered(options: SetupOptions = {}) {
    const u = await passkeySetup(server(), options);
    const id = await registerPasskey(server(), u);
    const { pool, user } = await poolAndUser(server(), u);
    const services = server().services;
    const issue = () => authenticationOptions(services, pool, user);
    const verify = (credential: unknown, state: unknown) =>
      verifyAssertion(services, pool, user, typeof credential === 'string' ? credential : JSON.stringify(credential), state);
    return { u, id, pool, user, services, issue, verify };
  }

  test("request options list the user's passkeys for the pool's RP", async () => {
    const { id, issue, services, pool, user } = await registered();
    const { optionsJson, state } = await issue();
    const options = JSON.parse(optionsJson);
    assert.deepEqual(Object.keys(options).sort(), ['allowCredentials', 'challenge', 'rpId', 'timeout', 'userVerification']);
    assert.equal(options.rpId, RP);
    assert.equal(options.timeout, 180000);
    assert.equal(options.userVerification, 'preferred');
    assert.equal(Buffer.from(options.challenge, 'base64url').length, 16);
    assert.deepEqual(options.allowCredentials, [{ type: 'public-key', id, transports: ['internal', 'hybrid'] }]);
    assert.equal((state as { challenge: string }).challenge, options.challenge);
    assert.notEqual(JSON.parse((await issue()).optionsJson).challenge, options.challenge);
    assert.equal(await userHasPasskey(services, pool, user), true);
  });

  test('a fresh assertion verifies and moves the counter; its replay is refused', async () => {
    const { u, id, issue, verify, services } = await registered();
    const { optionsJson, state } = await issue();
    const assertion = u.authenticator.assert(optionsJson);
    const result = await verify(assertion, state);
    assert.deepEqual(result, { credentialId: id, userVerified: true });
    const stored = await services.stores.webauthn.getCredential(u.poolId, id);
    assert.equal(stored?.signCount, 1);
    assert.ok(stored?.lastUsedAt !== undefined);
    // The same assertion again.
    await refused(verify(assertion, state), /counter|already answered/);
    // A newly signed answer to the used challenge (counter moved on) is still a replay.
    await refused(verify(u.authenticator.assert(optionsJson), state), /challenge already answered/);
    // Whereas a new challenge works again.
    const next = await issue();
    assert.equal((await verify(u.authenticator.assert(next.optionsJson), next.state)).credentialId, id);
  });

  test('an authenticator with a counter that stays at 0 is still protected against replay', async () => {
    const { u, issue, verify } = await registered();
    const { optionsJson, state } = await issue();
    const assertion = u.authenticator.assert(optionsJson, { counter: 0 });
    await verify(assertion, state);
    await refused(verify(assertion, state), /challenge already answered/);
  });

  test('forged signature, wrong challenge, wrong type: refused', async () => {
    const { u, issue, verify } = await registered();
    const { optionsJson, state } = await issue();
    await refused(verify(u.authenticator.assert(optionsJson, { forgeSignature: true }), state), /signature/);
    await refused(verify(u.authenticator.assert(optionsJson, { challenge: Buffer.alloc(16, 1).toString('base64url') }), state), /challenge/);
    await refused(verify(u.authenticator.assert(optionsJson, { type: 'webauthn.create' }), state), /type/);
    // None of these used the challenge up.
    await verify(u.authenticator.assert(optionsJson), state);
  });

  test('wrong origin or RP id: refused; a subdomain origin is fine', async () => {
    const { u, issue, verify } = await registered();
    const { optionsJson, state } = await issue();
    await refused(verify(u.authenticator.assert(optionsJson, { origin: 'https://evil.com' }), state), /origin not allowed/);
    await refused(verify(u.authenticator.assert(optionsJson, { origin: 'http://example.com' }), state), /origin not allowed/);
    await refused(verify(u.authenticator.assert(optionsJson, { rpId: 'evil.com' }), state), /RP ID/i);
    await verify(u.authenticator.assert(optionsJson, { origin: 'https://login.example.com' }), state);
  });

  test('a counter that went backwards: refused', async () => {
    const { u, issue, verify } = await registered();
    const first = await issue();
    await verify(u.authenticator.assert(first.optionsJson, { counter: 5 }), first.state);
    const second = await issue();
    await refused(verify(u.authenticator.assert(second.optionsJson, { counter: 3 }), second.state), /counter/);
    await refused(verify(u.authenticator.assert(second.optionsJson, { counter: 5 }), second.state), /counter/);
    await verify(u.authenticator.assert(second.optionsJson, { counter: 6 }), second.state);
  });

  test("another user's credential, an unknown credential or another user handle: refused", async () => {
    const { u, issue, verify, services } = await registered();
    const bob = await secondUser(server(), u, 'bob');
    const bobsId = await registerPasskey(server(), bob);
    const { optionsJson, state } = await issue();
    // Bob's authenticator answers alice's challenge with bob's passkey.
    await refused(verify(bob.authenticator.assert(optionsJson, { credentialId: bobsId }), state), /unknown credential/);
    // A credential nobody registered.
    const stranger = softwareAuthenticator(ORIGIN);
    stranger.register({ challenge: 'AAAA', rp: { id: RP, name: 'x' }, user: { id: 'AA', name: 'a', displayName: 'a' } });
    await refused(verify(stranger.assert(optionsJson), state), /unknown credential/);
    // Alice's passkey, but claiming bob's user handle.
    const bobUser = (await services.stores.users.get(u.poolId, 'bob'))!;
    await refused(verify(u.authenticator.assert(optionsJson, { userHandle: Buffer.from(bobUser.sub).toString('base64url') }), state), /user handle/);
    // Without a user handle (a non-discoverable use) it verifies.
    await verify(u.authenticator.assert(optionsJson, { userHandle: null }), state);
  });

  test('no issued challenge, an expired one, or a malformed CREDENTIAL', async () => {
    const { u, issue, verify } = await registered();
    const { optionsJson, state } = await issue();
    const assertion = u.authenticator.assert(optionsJson);
    await refused(verify(assertion, undefined), /no challenge/);
    await refused(verify(assertion, {}), /no challenge/);
    await refused(verify(assertion, { challenge: (state as { challenge: string }).challenge, issuedAt: server().clock.now() - 16 * 60_000 }), /expired/);
    for (const bad of [
      'not json',
      '{}',
      JSON.stringify({ ...assertion, type: 'other' }),
      JSON.stringify({ ...assertion, response: { ...assertion.response, signature: '***' } }),
    ]) {
      await assert.rejects(verify(bad, state), { type: 'InvalidParameterException', message: 'CREDENTIAL is not a valid WebAuthn authentication response.' });
    }
    await verify(assertion, state);
  });

  test('a pool requiring user verification refuses an assertion without it', async () => {
    const { u, issue, verify } = await registered({ mfa: { WebAuthnConfiguration: { RelyingPartyId: RP, UserVerification: 'required' } } });
    const { optionsJson, state } = await issue();
    assert.equal(JSON.parse(optionsJson).userVerification, 'required');
    await refused(verify(u.authenticator.assert(optionsJson, { userVerified: false }), state), /verif/);
    await refused(verify(u.authenticator.assert(optionsJson, { userPresent: false }), state), /present/);
    assert.deepEqual(await verify(u.authenticator.assert(optionsJson), state), {
      credentialId: u.authenticator.credentials.keys().next().value,
      userVerified: true,
    });
  });

  test('a preferred-UV pool accepts an assertion without UV and says so', async () => {
    const { u, issue, verify } = await registered();
    const { optionsJson, state } = await issue();
    const result = await verify(u.authenticator.assert(optionsJson, { userVerified: false }), state);
    assert.equal(result.userVerified, false);
  });

  test('a passkey bound to an RP id the pool no longer uses is not offered and not accepted', async () => {
    const { u, issue, services, user } = await registered();
    const stale = await issue();
    await server().sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: u.poolId, WebAuthnConfiguration: { RelyingPartyId: 'other.example', UserVerification: 'preferred' } }),
    );
    const pool = (await services.stores.pools.get(u.poolId))!;
    assert.equal(await userHasPasskey(services, pool, user), false);
    assert.deepEqual(JSON.parse((await authenticationOptions(services, pool, user)).optionsJson).allowCredentials, []);
    await refused(verifyAssertion(services, pool, user, JSON.stringify(u.authenticator.assert(stale.optionsJson)), stale.state), /another relying party/);
  });
});

describeEachBackend('GetUserAuthFactors and AdminGetUserAuthFactors', ({ server }) => {
  const factors = async (u: PasskeyUser) => {
    const own = await server().sdk.send(new GetUserAuthFactorsCommand({ AccessToken: u.accessToken }));
    const admin = await server().sdk.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: u.poolId, Username: u.username }));
    const { $metadata: _a, ...a } = own;
    const { $metadata: _b, ...b } = admin;
    assert.deepEqual(a, b, 'the user and an administrator see the same');
    return a;
  };

  test('PASSWORD, then WEB_AUTHN once a passkey is registered', async () => {
    const u = await passkeySetup(server());
    assert.deepEqual(await factors(u), { Username: 'alice', ConfiguredUserAuthFactors: ['PASSWORD'] });
    const id = await registerPasskey(server(), u);
    assert.deepEqual(await factors(u), { Username: 'alice', ConfiguredUserAuthFactors: ['PASSWORD', 'WEB_AUTHN'] });
    await server().sdk.send(new DeleteWebAuthnCredentialCommand({ AccessToken: u.accessToken, CredentialId: id }));
    assert.deepEqual((await factors(u)).ConfiguredUserAuthFactors, ['PASSWORD']);
  });

  test('EMAIL_OTP and SMS_OTP when the pool allows them and the user has the verified attribute', async () => {
    const u = await passkeySetup(server(), {
      factors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
      attributes: { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true' },
    });
    assert.deepEqual((await factors(u)).ConfiguredUserAuthFactors, ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP']);
    const unverified = await passkeySetup(server(), {
      factors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
      attributes: { email: 'carol@example.com', phone_number: '+15555550101' },
    });
    assert.deepEqual((await factors(unverified)).ConfiguredUserAuthFactors, ['PASSWORD']);
  });

  test('MFA settings: PreferredMfaSetting and UserMFASettingList, and the MFA factor among the auth factors', async () => {
    const u = await passkeySetup(server(), {
      attributes: { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true' },
      mfa: {
        MfaConfiguration: 'OPTIONAL',
        SmsMfaConfiguration: {
          SmsAuthenticationMessage: 'Your code is {####}',
          SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'x' },
        },
        WebAuthnConfiguration: { RelyingPartyId: RP },
      },
    });
    await server().sdk.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: u.poolId, Username: u.username, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    assert.deepEqual(await factors(u), {
      Username: 'alice',
      PreferredMfaSetting: 'SMS_MFA',
      UserMFASettingList: ['SMS_MFA'],
      ConfiguredUserAuthFactors: ['PASSWORD', 'SMS_OTP'],
    });
  });

  test('errors: unknown user, unknown pool, bad token', async () => {
    const u = await passkeySetup(server());
    await rejectsWith(
      server().sdk.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: u.poolId, Username: 'nobody' })),
      'UserNotFoundException',
      'User does not exist.',
    );
    await rejectsWith(
      server().sdk.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: 'us-east-1_nope', Username: 'alice' })),
      'ResourceNotFoundException',
      'User pool us-east-1_nope does not exist.',
    );
    await rejectsWith(server().sdk.send(new GetUserAuthFactorsCommand({ AccessToken: 'x.y.z' })), 'NotAuthorizedException', 'Invalid Access Token');
  });

  test('the pool keeps AllowedFirstAuthFactors and WebAuthnConfiguration', async () => {
    const u = await passkeySetup(server());
    const { UserPool } = await server().sdk.send(new DescribeUserPoolCommand({ UserPoolId: u.poolId }));
    assert.deepEqual(UserPool!.Policies?.SignInPolicy, { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] });
    const mfa = await server().sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: u.poolId }));
    assert.deepEqual(mfa.WebAuthnConfiguration, { RelyingPartyId: RP, UserVerification: 'preferred' });
  });
});
