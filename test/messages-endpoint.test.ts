import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describeEachBackend, type TestServer } from './support/server.ts';

interface Listed {
  userPoolId: string;
  username: string;
  channel: 'SMS' | 'EMAIL' | 'NONE';
  destination?: string;
  code?: string;
  subject?: string;
  message: string;
  purpose: string;
  createdAt: string;
}

async function messages(s: TestServer, query = ''): Promise<{ status: number; body: unknown; type: string | null }> {
  const res = await fetch(`${s.url}/_cognate/messages${query}`);
  return { status: res.status, body: await res.json(), type: res.headers.get('x-amzn-errortype') };
}

async function pool(s: TestServer, name: string): Promise<string> {
  const { UserPool } = await s.sdk.send(new CreateUserPoolCommand({ PoolName: name, AutoVerifiedAttributes: ['email'] }));
  return UserPool!.Id!;
}

describeEachBackend(
  'the messages endpoint',
  ({ server }) => {
    test('AdminCreateUser for a user with neither email nor phone number: the invitation is listed and logged, and its password signs in', async () => {
      const s = server();
      const poolId = await pool(s, 'no-address');
      const { User } = await s.sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'carol' }));
      assert.equal(User!.UserStatus, 'FORCE_CHANGE_PASSWORD');

      const { status, body } = await messages(s, `?userPoolId=${poolId}&username=carol`);
      assert.equal(status, 200);
      const listed = (body as { messages: Listed[] }).messages;
      assert.equal(listed.length, 1);
      const [m] = listed;
      assert.equal(m!.channel, 'NONE');
      assert.equal(m!.destination, undefined);
      assert.equal(m!.purpose, 'invitation');
      assert.equal(m!.username, 'carol');
      assert.equal(m!.userPoolId, poolId);
      assert.ok(m!.message.includes(m!.code!), 'the message carries the temporary password');

      // It is the password: the sign-in asks for a new one, as for any invited user.
      const { ClientId } = (
        await s.sdk.send(
          new CreateUserPoolClientCommand({
            UserPoolId: poolId,
            ClientName: 'c',
            ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          }),
        )
      ).UserPoolClient!;
      const auth = await s.sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'carol', PASSWORD: m!.code! },
        }),
      );
      assert.equal(auth.ChallengeName, 'NEW_PASSWORD_REQUIRED');

      const logged = s.log.find((line) => line.userPoolId === poolId && line.username === 'carol' && line.purpose === 'invitation');
      assert.ok(logged, 'the invitation is in the log');
      assert.equal(logged.channel, 'NONE');
      assert.match(String(logged.msg), /^message \(not sent: the user has no email or phone number\): /);
    });

    test('SUPPRESS still sends nothing, as in Cognito', async () => {
      const s = server();
      const poolId = await pool(s, 'suppress');
      await s.sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'dan', MessageAction: 'SUPPRESS' }));
      assert.deepEqual((await messages(s, `?userPoolId=${poolId}`)).body, { messages: [] });
    });

    test('without userPoolId every pool’s messages are listed, oldest first; with one, only its own', async () => {
      const s = server();
      const first = await pool(s, 'first');
      const second = await pool(s, 'second');
      for (const [poolId, username] of [
        [first, 'erin'],
        [second, 'frank'],
      ] as const) {
        const { ClientId } = (await s.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c' }))).UserPoolClient!;
        await s.sdk.send(
          new SignUpCommand({ ClientId, Username: username, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }),
        );
      }
      const all = ((await messages(s)).body as { messages: Listed[] }).messages;
      const ours = all.filter((m) => m.userPoolId === first || m.userPoolId === second);
      assert.deepEqual(
        ours.map((m) => [m.userPoolId, m.username, m.channel, m.destination, m.purpose]),
        [
          [first, 'erin', 'EMAIL', 'erin@example.com', 'signup'],
          [second, 'frank', 'EMAIL', 'frank@example.com', 'signup'],
        ],
      );
      const createdAt = all.map((m) => m.createdAt);
      assert.deepEqual(createdAt, [...createdAt].sort(), 'oldest first');
      const onlySecond = ((await messages(s, `?userPoolId=${second}`)).body as { messages: Listed[] }).messages;
      assert.deepEqual(
        onlySecond.map((m) => m.username),
        ['frank'],
      );
      // A username alone narrows every pool's list to that user.
      const erin = ((await messages(s, '?username=erin')).body as { messages: Listed[] }).messages;
      assert.deepEqual(
        erin.map((m) => [m.userPoolId, m.username]),
        [[first, 'erin']],
      );
    });

    test('an unknown pool is ResourceNotFoundException, not an empty list', async () => {
      const s = server();
      const answer = await messages(s, '?userPoolId=us-east-1_Nope12345');
      assert.equal(answer.status, 400);
      assert.equal(answer.type, 'ResourceNotFoundException:');
      assert.deepEqual(answer.body, { __type: 'ResourceNotFoundException', message: 'User pool us-east-1_Nope12345 does not exist.' });
      const alsoWithUser = await messages(s, '?userPoolId=us-east-1_Nope12345&username=carol');
      assert.equal(alsoWithUser.status, 400);
    });
  },
  { captureLog: true, flags: { 'log-level': 'info' } },
);
