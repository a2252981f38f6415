import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DeleteWebAuthnCredentialCommand,
  GetUserCommand,
  ListWebAuthnCredentialsCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { signInSetup, type SignInSetup } from './support/auth.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { chromiumLaunch, chromiumSkip } from './support/chromium.ts';

/**
 * Passkeys end to end in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven
 * by playwright-core) with a virtual platform authenticator from the DevTools WebAuthn domain.
 * A small page served from http://localhost:<port> (RP id `localhost`) registers a passkey
 * (USER_PASSWORD_AUTH → StartWebAuthnRegistration → navigator.credentials.create →
 * CompleteWebAuthnRegistration) and signs in with it (InitiateAuth USER_AUTH with
 * PREFERRED_CHALLENGE WEB_AUTHN → navigator.credentials.get → RespondToAuthChallenge WEB_AUTHN),
 * with plain fetch calls in AWS JSON 1.1 against cognate on its own port (so every call is
 * cross-origin and goes through CORS, as in a real web app).
 *
 * SQLite only: what this test adds over passkeys.test.ts and user-auth.test.ts (which run the
 * same operations on both backends) is the browser side — what Chromium really puts in
 * clientDataJSON, attestationObject and the assertion, the RP id and origin rules, CORS — none
 * of which depends on the storage; a second Chromium run would cost time and show nothing new.
 */

const FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/**
 * The page: AWS JSON 1.1 over fetch, base64url ↔ ArrayBuffer, and the two ceremonies. Kept as
 * plain script (no build step); the test calls window.registerPasskey / window.signInWithPasskey.
 */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>cognate passkeys</title></head>
<body><p>cognate passkey test page</p>
<script>
const fromB64u = (s) => {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes.buffer;
};
const toB64u = (buf) => {
  let bin = '';
  for (const b of new Uint8Array(buf)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
};

async function cognito(endpoint, operation, body) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + operation },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(operation + ' ' + res.status + ' ' + json.__type + ': ' + json.message);
  return json;
}

window.registerPasskey = async ({ endpoint, clientId, username, password }) => {
  const auth = await cognito(endpoint, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  const accessToken = auth.AuthenticationResult.AccessToken;
  const { CredentialCreationOptions: o } = await cognito(endpoint, 'StartWebAuthnRegistration', { AccessToken: accessToken });
  const publicKey = {
    ...o,
    challenge: fromB64u(o.challenge),
    user: { ...o.user, id: fromB64u(o.user.id) },
    excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: fromB64u(c.id) })),
  };
  const created = await navigator.credentials.create({ publicKey });
  const r = created.response;
  const credential = {
    id: created.id,
    rawId: toB64u(created.rawId),
    type: created.type,
    authenticatorAttachment: created.authenticatorAttachment || undefined,
    clientExtensionResults: created.getClientExtensionResults(),
    response: {
      clientDataJSON: toB64u(r.clientDataJSON),
      attestationObject: toB64u(r.attestationObject),
      transports: r.getTransports(),
      publicKeyAlgorithm: r.getPublicKeyAlgorithm(),
      publicKey: toB64u(r.getPublicKey()),
      authenticatorData: toB64u(r.getAuthenticatorData()),
    },
  };
  await cognito(endpoint, 'CompleteWebAuthnRegistration', { AccessToken: accessToken, Credential: credential });
  return { credentialId: created.id, accessToken, creationOptions: o, clientData: JSON.parse(new TextDecoder().decode(r.clientDataJSON)) };
};

window.signInWithPasskey = async ({ endpoint, clientId, username }) => {
  const started = await cognito(endpoint, 'InitiateAuth', {
    AuthFlow: 'USER_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
  });
  if (started.ChallengeName !== 'WEB_AUTHN') throw new Error('expected WEB_AUTHN, got ' + started.ChallengeName);
  const o = JSON.parse(started.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
  const publicKey = {
    ...o,
    challenge: fromB64u(o.challenge),
    allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: fromB64u(c.id) })),
  };
  const got = await navigator.credentials.get({ publicKey });
  const r = got.response;
  const credential = {
    id: got.id,
    rawId: toB64u(got.rawId),
    type: got.type,
    authenticatorAttachment: got.authenticatorAttachment || undefined,
    clientExtensionResults: got.getClientExtensionResults(),
    response: {
      clientDataJSON: toB64u(r.clientDataJSON),
      authenticatorData: toB64u(r.authenticatorData),
      signature: toB64u(r.signature),
      userHandle: r.userHandle ? toB64u(r.userHandle) : undefined,
    },
  };
  const done = await cognito(endpoint, 'RespondToAuthChallenge', {
    ChallengeName: 'WEB_AUTHN',
    ClientId: clientId,
    Session: started.Session,
    ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) },
  });
  return { requestOptions: o, credentialId: got.id, result: done.AuthenticationResult, challengeName: done.ChallengeName };
};
</script></body></html>`;

interface Registered {
  credentialId: string;
  accessToken: string;
  creationOptions: Record<string, any>;
  clientData: { type: string; challenge: string; origin: string };
}

interface SignedIn {
  requestOptions: Record<string, any>;
  credentialId: string;
  result?: { AccessToken: string; IdToken: string; RefreshToken: string; TokenType: string };
  challengeName?: string;
}

describe('passkeys in headless Chromium [sqlite]', { skip: chromiumSkip }, () => {
  let server: TestServer;
  let site: Server;
  let origin: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;
  let s: SignInSetup;

  before(async () => {
    server = await startTestServer('sqlite');
    site = createServer((req, res) => {
      if (req.method === 'GET' && (req.url === '/' || req.url === '/index.html')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://localhost:${(site.address() as AddressInfo).port}`;

    userDataDir = mkdtempSync(join(tmpdir(), 'cognate-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      ...chromiumLaunch,
    });
    page = context.pages()[0] ?? (await context.newPage());
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    }));
    await page.goto(`${origin}/`);

    s = await signInSetup(server, {
      pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } },
      client: { ExplicitAuthFlows: FLOWS },
    });
    await server.sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: s.poolId, WebAuthnConfiguration: { RelyingPartyId: 'localhost', UserVerification: 'required' } }),
    );
  });

  after(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
    await server?.close();
  });

  const config = () => ({ endpoint: server.url, clientId: s.client.clientId, username: s.username, password: s.password });

  test('registers a passkey from the page, then signs in with it', { timeout: 120_000 }, async () => {
    const registered = (await page.evaluate((c) => (window as any).registerPasskey(c), config())) as Registered;
    assert.equal(registered.creationOptions.rp.id, 'localhost');
    assert.equal(registered.clientData.type, 'webauthn.create');
    assert.equal(registered.clientData.origin, origin);
    assert.equal(registered.clientData.challenge, registered.creationOptions.challenge);

    // The server and the authenticator agree on the new passkey.
    const { Credentials } = await server.sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken: registered.accessToken }));
    assert.equal(Credentials?.length, 1);
    assert.equal(Credentials[0]!.CredentialId, registered.credentialId);
    assert.equal(Credentials[0]!.RelyingPartyId, 'localhost');
    assert.equal(Credentials[0]!.AuthenticatorAttachment, 'platform');
    const held = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(held.credentials.length, 1);
    assert.equal(held.credentials[0]!.rpId, 'localhost');
    assert.equal(held.credentials[0]!.isResidentCredential, true);
    assert.equal(Buffer.from(held.credentials[0]!.credentialId, 'base64').toString('base64url'), registered.credentialId);

    for (let round = 1; round <= 2; round++) {
      const signedIn = (await page.evaluate((c) => (window as any).signInWithPasskey(c), config())) as SignedIn;
      assert.equal(signedIn.requestOptions.rpId, 'localhost');
      assert.equal(signedIn.requestOptions.userVerification, 'required');
      assert.deepEqual(
        signedIn.requestOptions.allowCredentials.map((c: { id: string }) => c.id),
        [registered.credentialId],
      );
      assert.equal(signedIn.credentialId, registered.credentialId);
      assert.equal(signedIn.challengeName, undefined);
      assert.ok(signedIn.result?.AccessToken && signedIn.result.IdToken && signedIn.result.RefreshToken, `tokens (round ${round})`);
      assert.equal(signedIn.result.TokenType, 'Bearer');
      const me = await server.sdk.send(new GetUserCommand({ AccessToken: signedIn.result.AccessToken }));
      assert.equal(me.Username, s.username);
      const stored = await server.services.stores.webauthn.getCredential(s.poolId, registered.credentialId);
      assert.ok(stored?.lastUsedAt !== undefined, 'the passkey was used');
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.equal(stored.signCount, credentials[0]!.signCount, "the server kept the authenticator's counter");
    }
  });

  test('once its passkey is deleted, the page can no longer choose WEB_AUTHN', { timeout: 60_000 }, async () => {
    const signedIn = (await page.evaluate((c) => (window as any).signInWithPasskey(c), config())) as SignedIn;
    assert.ok(signedIn.result?.AccessToken);
    await server.sdk.send(new DeleteWebAuthnCredentialCommand({ AccessToken: signedIn.result.AccessToken, CredentialId: signedIn.credentialId }));
    // Without a passkey the user cannot choose WEB_AUTHN: USER_AUTH falls back to SELECT_CHALLENGE.
    await assert.rejects(
      page.evaluate((c) => (window as any).signInWithPasskey(c), config()),
      /expected WEB_AUTHN, got SELECT_CHALLENGE/,
    );
  });
});
