import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { passwordAuth, signInSetup } from './support/auth.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

/** The request lines of one request id, once its line is written (it follows the answer). */
async function requestLines(server: TestServer, requestId: string) {
  for (let i = 0; i < 100; i++) {
    const lines = server.log.filter((l) => l.requestId === requestId && l.msg === 'request');
    if (lines.length > 0) {
      await sleep(20);
      return server.log.filter((l) => l.requestId === requestId && l.msg === 'request');
    }
    await sleep(20);
  }
  return [];
}

const SECRET_PASSWORD = 'Very-Secret-Passw0rd-42!';

describeEachBackend(
  'request log',
  ({ server }) => {
    test('a successful call and a failed one each log one line with id, operation, client, outcome, status and duration, and no secret', async () => {
      const s = await signInSetup(server());
      await server().sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: s.poolId, Username: s.username, Password: SECRET_PASSWORD, Permanent: true }));
      const ok = await passwordAuth(server(), s, s.username, SECRET_PASSWORD);
      const okId = ok.$metadata.requestId!;
      assert.ok(okId);
      const [okLine, ...moreOk] = await requestLines(server(), okId);
      assert.equal(moreOk.length, 0, 'one line per request');
      assert.equal(okLine?.level, 30, 'logged at info');
      assert.equal(okLine?.operation, 'InitiateAuth');
      assert.equal(okLine?.clientId, s.client.clientId);
      assert.equal(okLine?.outcome, 'ok');
      assert.equal(okLine?.status, 200);
      assert.equal(typeof okLine?.durationMs, 'number');

      const failed = (await rejectsWith(passwordAuth(server(), s, s.username, 'Wrong-Passw0rd-99!'), 'NotAuthorizedException')) as Error & {
        $metadata: { requestId?: string };
      };
      const [failLine, ...moreFail] = await requestLines(server(), failed.$metadata.requestId!);
      assert.equal(moreFail.length, 0, 'one line per failed request');
      assert.equal(failLine?.operation, 'InitiateAuth');
      assert.equal(failLine?.clientId, s.client.clientId);
      assert.equal(failLine?.outcome, 'NotAuthorizedException');
      assert.equal(failLine?.status, 400);

      // An admin call names its pool.
      const admin = server().log.find((l) => l.msg === 'request' && l.operation === 'AdminSetUserPassword');
      assert.equal(admin?.userPoolId, s.poolId);
      assert.equal(admin?.outcome, 'ok');

      const everything = JSON.stringify(server().log);
      for (const secret of [SECRET_PASSWORD, 'Wrong-Passw0rd-99!', ok.AuthenticationResult!.AccessToken!, ok.AuthenticationResult!.RefreshToken!]) {
        assert.ok(!everything.includes(secret), 'no secret in any log line');
      }
    });

    test('other endpoints log their route; an unknown operation or path stays bounded', async () => {
      const token = await fetch(`${server().url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=authorization_code&client_id=nosuchclient&code=Secret-Code-123',
      });
      const tokenLines = await requestLines(server(), token.headers.get('x-amzn-requestid')!);
      assert.equal(tokenLines.length, 1);
      assert.equal(tokenLines[0]!.operation, 'POST /oauth2/token');
      assert.equal(tokenLines[0]!.status, token.status);
      assert.equal(tokenLines[0]!.outcome, ((await token.json()) as { error: string }).error);

      const unknown = await fetch(server().url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.Made-Up-Name' },
        body: '{}',
      });
      const [unknownLine] = await requestLines(server(), unknown.headers.get('x-amzn-requestid')!);
      assert.equal(unknownLine?.operation, 'unknown');
      assert.equal(unknownLine?.outcome, 'UnknownOperationException');

      const missing = await fetch(`${server().url}/no/such/path?code=x`);
      const [missingLine] = await requestLines(server(), missing.headers.get('x-amzn-requestid')!);
      assert.equal(missingLine?.operation, 'GET (no route)');
      assert.equal(missingLine?.outcome, 'ResourceNotFoundException');
      assert.ok(!JSON.stringify(server().log).includes('Secret-Code-123'));
    });
  },
  { captureLog: true, flags: { 'log-level': 'info' } },
);
