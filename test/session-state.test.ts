import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { sha256Hex } from '../src/crypto/seal.ts';
import { passwordAuth } from './support/auth.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';
import { mfaUser } from './support/mfa.ts';

// A session's state is parsed when it is loaded: a stored state the server did not write (or no
// longer understands) is an invalid session for the client, and the reason is logged for the
// operator, never sent.
describeEachBackend(
  'session state checked on load',
  ({ server }) => {
    test('a stored state that does not parse answers Invalid session and logs why', async () => {
      const s = server();
      const setup = await mfaUser(s, { mode: 'ON', enable: ['SMS_MFA'] });
      const first = await passwordAuth(s, setup, setup.username, setup.password);
      assert.equal(first.ChallengeName, 'SMS_MFA');
      const session = first.Session!;
      const idHash = sha256Hex(session);
      const record = await s.services.stores.authSessions.get(idHash);
      assert.ok(record);
      const state = JSON.parse(record.state);
      state.done = 'everything';
      await s.services.stores.authSessions.update(idHash, record.version, JSON.stringify(state));
      await rejectsWith(
        s.sdk.send(
          new RespondToAuthChallengeCommand({
            ClientId: setup.client.clientId,
            ChallengeName: 'SMS_MFA',
            Session: session,
            ChallengeResponses: { USERNAME: setup.username, SMS_MFA_CODE: '123456' },
          }),
        ),
        'NotAuthorizedException',
        'Invalid session for the user.',
      );
      assert.ok(
        s.log.some((line) => line.detail === 'stored session state does not parse' && line.type === 'NotAuthorizedException'),
        'the reason is in the log',
      );
    });
  },
  { captureLog: true, flags: { 'log-level': 'debug' } },
);
