import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SMTPServer } from 'smtp-server';
import { runHousekeeping } from '../src/housekeeping.ts';
import { MAX_ATTEMPTS } from '../src/messages/delivery.ts';
import { createClient, createPool, messagesFor } from './support/fixtures.ts';
import { describeEachBackend, type TestServer, TEST_ADMIN_KEY, TEST_MASTER_SECRET } from './support/server.ts';

// Codes and temporary passwords live no longer, and in no more places, than the posture allows:
// in production they reach the user's channel and nowhere else (not the log; the outbox only
// until delivered); in local mode they are in the log and the outbox, and housekeeping deletes
// the outbox's copy after --message-retention-hours.

const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-passw0rd!';
const TEMPORARY = 'Temp-Passw0rd!42';
const HOUR = 60 * 60_000;

// A real SMTP server and SMS webhook on loopback, shared by every suite below.
const mails: { to: string[]; raw: string }[] = [];
const smtp = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      mails.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

const sms: Record<string, unknown>[] = [];
/** Destinations the webhook always refuses (HTTP 500). */
const refused = new Set<string>();
const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
const webhook = createServer((req, res) => {
  void readBody(req).then((text) => {
    const body = JSON.parse(text) as Record<string, unknown>;
    sms.push(body);
    res.writeHead(refused.has(String(body.destination)) ? 500 : 204).end();
  });
});
await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
const smsWebhook = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sms`;

after(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
  webhook.closeAllConnections();
  await new Promise<void>((resolve) => webhook.close(() => resolve()));
});

/** Waits (at most 15 s) for `done()`, nudging the worker; `stepMs` moves the clock on so retries fall due. */
async function until(s: TestServer, done: () => boolean | Promise<boolean>, what: string, stepMs = 0): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (stepMs > 0) s.clock.advance(stepMs);
    s.services.nudgeDelivery();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let serial = 0;
/** A pool, a client allowing USER_PASSWORD_AUTH, and a confirmed user with a verified email and a phone. */
async function setup(s: TestServer) {
  const n = ++serial;
  const poolId = await createPool(s);
  const client = await createClient(s, poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
  const email = `user-${n}-${s.backend}-${s.config.production ? 'prod' : 'local'}@example.com`;
  const username = `user-${n}`;
  await s.sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
  return { poolId, client, username, email };
}

/** Runs ForgotPassword and returns the code as the mail carried it. */
async function forgotByMail(s: TestServer, u: Awaited<ReturnType<typeof setup>>): Promise<string> {
  await s.sdk.send(new ForgotPasswordCommand({ ClientId: u.client.clientId, Username: u.username }));
  await until(s, () => mails.some((m) => m.to.includes(u.email)), 'the mail');
  const code = /verification code is (\d{6})/.exec(mails.find((m) => m.to.includes(u.email))!.raw)?.[1];
  assert.ok(code, 'the mail carries the code');
  return code;
}

const logText = (s: TestServer) => JSON.stringify(s.log);

describeEachBackend(
  'production: codes reach the channel and nowhere else',
  ({ server }) => {
    test('after ForgotPassword no code remains in the outbox or the log, and the mailed code works', async () => {
      const s = server();
      const u = await setup(s);
      const code = await forgotByMail(s, u);
      // Delivered, then blanked: the row says a message went, not what it said.
      await until(s, async () => (await s.services.stores.outbox.listFor(u.poolId, u.username)).every((m) => m.message === ''), 'the blanking');
      const rows = await s.services.stores.outbox.listFor(u.poolId, u.username);
      assert.equal(rows.length, 1);
      assert.deepEqual(
        rows.map((m) => [m.purpose, m.channel, m.destination, m.message, m.code]),
        [['forgot', 'EMAIL', u.email, '', undefined]],
      );
      assert.doesNotMatch(JSON.stringify(rows), new RegExp(code));
      const messages = await messagesFor(s, u.poolId, u.username);
      assert.equal(messages.length, 1);
      assert.equal(messages[0]!.code, undefined);
      assert.equal(messages[0]!.message, '');
      // The log says a message was queued, for whom and why, never what it said.
      const queued = s.log.filter((l) => l.msg === 'message queued' && l.username === u.username);
      assert.equal(queued.length, 1);
      assert.equal(queued[0]!.purpose, 'forgot');
      assert.doesNotMatch(logText(s), new RegExp(code));
      assert.doesNotMatch(logText(s), /verification code/);
      await s.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: u.client.clientId, Username: u.username, ConfirmationCode: code, Password: NEW_PASSWORD }));
      const signedIn = await s.sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: u.client.clientId,
          AuthParameters: { USERNAME: u.username, PASSWORD: NEW_PASSWORD },
        }),
      );
      assert.ok(signedIn.AuthenticationResult?.AccessToken);
    });

    test('an SMS invitation hands the temporary password to the webhook, and keeps it nowhere', async () => {
      const s = server();
      const poolId = await createPool(s);
      const phone = s.backend === 'sqlite' ? '+15550100201' : '+15550100202';
      await s.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'invited',
          TemporaryPassword: TEMPORARY,
          DesiredDeliveryMediums: ['SMS'],
          UserAttributes: [{ Name: 'phone_number', Value: phone }],
        }),
      );
      await until(s, () => sms.some((m) => m.destination === phone), 'the SMS');
      assert.match(String(sms.find((m) => m.destination === phone)!.message), new RegExp(TEMPORARY));
      await until(s, async () => (await s.services.stores.outbox.listFor(poolId, 'invited')).every((m) => m.message === ''), 'the blanking');
      const rows = await s.services.stores.outbox.listFor(poolId, 'invited');
      assert.deepEqual(
        rows.map((m) => [m.purpose, m.message, m.code]),
        [['invitation', '', undefined]],
      );
      assert.doesNotMatch(logText(s), new RegExp(TEMPORARY));
    });

    test('a message given up on is blanked too', async () => {
      const s = server();
      const poolId = await createPool(s);
      const phone = s.backend === 'sqlite' ? '+15550100301' : '+15550100302';
      refused.add(phone);
      await s.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'unreachable',
          TemporaryPassword: TEMPORARY,
          DesiredDeliveryMediums: ['SMS'],
          UserAttributes: [{ Name: 'phone_number', Value: phone }],
        }),
      );
      // The clock runs ahead through the retries; it is put back to where it was after.
      const offset = s.clock.now() - Date.now();
      try {
        await until(s, () => sms.filter((m) => m.destination === phone).length >= MAX_ATTEMPTS, 'every attempt', 60_000);
        await until(s, async () => (await s.services.stores.outbox.listFor(poolId, 'unreachable')).every((m) => m.message === ''), 'the blanking');
      } finally {
        s.clock.advance(offset - (s.clock.now() - Date.now()));
      }
      assert.equal(sms.filter((m) => m.destination === phone).length, MAX_ATTEMPTS);
      const rows = await s.services.stores.outbox.listFor(poolId, 'unreachable');
      assert.deepEqual(
        rows.map((m) => [m.purpose, m.message, m.code]),
        [['invitation', '', undefined]],
      );
      assert.ok(s.log.some((l) => typeof l.msg === 'string' && l.msg.startsWith('message delivery failed 10 times')));
      assert.doesNotMatch(logText(s), new RegExp(TEMPORARY));
    });
  },
  {
    captureLog: true,
    flags: {
      production: 'true',
      'admin-credentials': `${TEST_ADMIN_KEY.accessKeyId}:${TEST_ADMIN_KEY.secretAccessKey}`,
      'master-secret': TEST_MASTER_SECRET,
      'smtp-url': smtpUrl,
      'sms-webhook': smsWebhook,
      'log-level': 'debug',
    },
  },
);

describeEachBackend(
  'local: codes stay readable until the retention ends',
  ({ server }) => {
    test('a delivered code stays in the outbox and is in the log', async () => {
      const s = server();
      const u = await setup(s);
      const code = await forgotByMail(s, u);
      await until(s, async () => (await s.services.stores.outbox.due(Number.MAX_SAFE_INTEGER - 1, 100)).length === 0, 'the delivery');
      const messages = await messagesFor(s, u.poolId, u.username);
      assert.deepEqual(
        messages.map((m) => [m.purpose, m.code]),
        [['forgot', code]],
      );
      assert.match(messages[0]!.message, new RegExp(code));
      assert.ok(s.log.some((l) => typeof l.msg === 'string' && l.msg.includes(code) && l.username === u.username));
    });

    test('housekeeping deletes messages older than --message-retention-hours, and only those', async () => {
      const s = server();
      const u = await setup(s);
      await forgotByMail(s, u);
      await until(s, async () => (await s.services.stores.outbox.due(Number.MAX_SAFE_INTEGER - 1, 100)).length === 0, 'the delivery');
      // A second message that had no channel to go by (never deliverable): kept as long.
      await s.services.stores.outbox.add(
        {
          id: `undeliverable-${s.backend}`,
          poolId: u.poolId,
          username: u.username,
          channel: 'EMAIL',
          destination: u.email,
          subject: undefined,
          message: 'Your verification code is 654321. ',
          code: '654321',
          purpose: 'signup',
          createdAt: s.clock.now(),
        },
        { deliverable: false },
      );
      assert.equal((await messagesFor(s, u.poolId, u.username)).length, 2);
      s.clock.advance(23 * HOUR);
      try {
        await runHousekeeping(s.services);
        assert.equal((await messagesFor(s, u.poolId, u.username)).length, 2, 'within 24 hours both stay');
        s.clock.advance(2 * HOUR);
        await runHousekeeping(s.services);
        assert.deepEqual(await messagesFor(s, u.poolId, u.username), [], 'after 24 hours both are gone');
      } finally {
        s.clock.advance(-25 * HOUR);
      }
    });
  },
  { captureLog: true, flags: { production: 'false', 'smtp-url': smtpUrl, 'log-level': 'info' } },
);

describeEachBackend(
  'retention never cuts a delivery short',
  ({ server }) => {
    test('a message still waiting for delivery outlives the retention; an undeliverable one does not', async () => {
      const s = server();
      const message = {
        id: `pending-${s.backend}`,
        poolId: 'us-east-1_pending',
        username: 'waiting',
        channel: 'EMAIL' as const,
        destination: 'waiting@example.com',
        subject: undefined,
        message: 'Your verification code is 111111. ',
        code: '111111',
        purpose: 'signup',
        createdAt: s.clock.now() - 48 * HOUR,
      };
      // No channel is configured here, so no worker takes the deliverable one.
      await s.services.stores.outbox.add(message);
      await s.services.stores.outbox.add({ ...message, id: `${message.id}-undeliverable` }, { deliverable: false });
      assert.equal((await s.services.stores.outbox.listFor(message.poolId, 'waiting')).length, 2);
      await runHousekeeping(s.services);
      assert.deepEqual(
        (await s.services.stores.outbox.listFor(message.poolId, 'waiting')).map((m) => m.id),
        [message.id],
      );
    });
  },
  { flags: { production: 'false' } },
);
