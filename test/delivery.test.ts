import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  SignUpCommand,
  type SignUpCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { SMTPServer } from 'smtp-server';
import { MAX_ATTEMPTS } from '../src/messages/delivery.ts';
import { createClient, createPool, messagesFor } from './support/fixtures.ts';
import { createTestStorage, describeEachBackend, startTestServer, type TestServer } from './support/server.ts';

const PASSWORD = 'Passw0rd!';
const YEAR = 365 * 24 * 60 * 60 * 1000;
const FROM = 'Cognate <auth@cognate.test>';

// ---------------------------------------------------------------------------------------------
// A real SMTP server and a real webhook on loopback, shared by both backends: each test uses
// addresses of its own, so what one test receives never mixes with another's.

interface Mail {
  from: string;
  to: string[];
  headers: Map<string, string>;
  body: string;
}

/** Splits a single-part message into headers (unfolded, lower-case names) and its decoded body. */
function parseMail(raw: string, envelope: { from: string; to: string[] }): Mail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { ...envelope, headers, body: body.replace(/\r\n$/, '') };
}

const mails: Mail[] = [];
const smtp = new SMTPServer({
  secure: false,
  authOptional: true,
  // Plain SMTP: the built-in STARTTLS certificate is self-signed.
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
      mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), { from, to: session.envelope.rcptTo.map((a) => a.address) }));
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

interface WebhookCall {
  body: Record<string, unknown>;
  contentType: string | undefined;
  status: number;
}
const smsCalls: WebhookCall[] = [];
/** How many more calls for a destination answer 500. */
const failing = new Map<string, number>();
const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
const webhook = createServer((req, res) => {
  void readBody(req).then((text) => {
    const body = JSON.parse(text) as Record<string, unknown>;
    const left = failing.get(String(body.destination)) ?? 0;
    const status = req.method === 'POST' && req.url === '/sms' ? (left > 0 ? 500 : 204) : 404;
    if (left > 0) failing.set(String(body.destination), left - 1);
    smsCalls.push({ body, contentType: req.headers['content-type'], status });
    res.writeHead(status).end();
  });
});
await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
const webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sms`;

after(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
  webhook.closeAllConnections();
  await new Promise<void>((resolve) => webhook.close(() => resolve()));
});

const mailTo = (address: string) => mails.filter((m) => m.to.includes(address));
const smsTo = (phone: string) => smsCalls.filter((c) => c.body.destination === phone);

/**
 * Waits (at most 10 s) until `done()`; meanwhile nudges the worker and, when `stepMs` is given,
 * moves the server's clock on so retries fall due without waiting for them.
 */
async function until(s: TestServer, done: () => boolean, stepMs = 0): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for delivery');
    if (stepMs > 0) s.clock.advance(stepMs);
    s.services.nudgeDelivery();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Undelivered messages the worker would still try, as far ahead as a year from now. */
const stillPending = async (s: TestServer, destination: string) =>
  (await s.services.stores.outbox.due(s.clock.now() + YEAR, 1000)).filter((m) => m.destination === destination);

/** A unique phone number in the +1 555 range. */
const phone = () => `+1432555${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;

// ---------------------------------------------------------------------------------------------

describeEachBackend(
  'message delivery by SMTP and SMS webhook',
  ({ server }) => {
    async function setup(pool: Parameters<typeof createPool>[1]) {
      const poolId = await createPool(server(), pool);
      const client = await createClient(server(), poolId);
      const signUp = (username: string, attributes: SignUpCommandInput['UserAttributes']) =>
        server().sdk.send(new SignUpCommand({ ClientId: client.clientId, Username: username, Password: PASSWORD, UserAttributes: attributes }));
      const confirm = (username: string, code: string) =>
        server().sdk.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: username, ConfirmationCode: code }));
      const status = async (username: string) => (await server().sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus;
      return { poolId, signUp, confirm, status };
    }

    test('the sign-up code arrives by email and confirms the user', async () => {
      const { poolId, signUp, confirm, status } = await setup({ AutoVerifiedAttributes: ['email'] });
      const address = `ana-${randomUUID()}@example.com`;
      const out = await signUp('ana', [{ Name: 'email', Value: address }]);
      assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');

      await until(server(), () => mailTo(address).length > 0);
      const [mail] = mailTo(address);
      assert.deepEqual(mail!.to, [address]);
      assert.equal(mail!.from, 'auth@cognate.test');
      assert.equal(mail!.headers.get('from'), FROM);
      assert.equal(mail!.headers.get('to'), address);
      assert.equal(mail!.headers.get('subject'), 'Your verification code');
      assert.match(mail!.headers.get('content-type')!, /^text\/plain/);
      const code = /Your verification code is (\d{6})\./.exec(mail!.body)?.[1];
      assert.ok(code, `a code in the mail body: ${mail!.body}`);

      // The outbox still shows the same message.
      const [queued] = await messagesFor(server(), poolId, 'ana');
      assert.equal(queued!.code, code);
      assert.equal(queued!.message, mail!.body);

      await confirm('ana', code);
      assert.equal(await status('ana'), 'CONFIRMED');
      assert.deepEqual(await stillPending(server(), address), []);
    });

    test('an HTML verification template goes out as HTML', async () => {
      const { signUp } = await setup({
        AutoVerifiedAttributes: ['email'],
        VerificationMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: '<p>Your code: <b>{####}</b></p>' },
      });
      const address = `hal-${randomUUID()}@example.com`;
      await signUp('hal', [{ Name: 'email', Value: address }]);
      await until(server(), () => mailTo(address).length > 0);
      const [mail] = mailTo(address);
      assert.equal(mail!.headers.get('subject'), 'Welcome');
      assert.match(mail!.headers.get('content-type')!, /^text\/html/);
      assert.match(mail!.body, /^<p>Your code: <b>\d{6}<\/b><\/p>$/);
    });

    test('an invitation email carries the temporary password', async () => {
      const poolId = await createPool(server(), {});
      const address = `ivy-${randomUUID()}@example.com`;
      await server().sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'ivy',
          TemporaryPassword: 'Temp-pass-123',
          UserAttributes: [{ Name: 'email', Value: address }],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      await until(server(), () => mailTo(address).length > 0);
      const [mail] = mailTo(address);
      assert.equal(mail!.headers.get('subject'), 'Your temporary password');
      assert.equal(mail!.body, 'Your username is ivy and temporary password is Temp-pass-123. ');
    });

    test('the sign-up code arrives by SMS webhook and confirms the user', async () => {
      const { poolId, signUp, confirm, status } = await setup({ AutoVerifiedAttributes: ['phone_number'] });
      const number = phone();
      const out = await signUp('sam', [{ Name: 'phone_number', Value: number }]);
      assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, 'SMS');

      await until(server(), () => smsTo(number).length > 0);
      const calls = smsTo(number);
      assert.equal(calls.length, 1);
      assert.equal(calls[0]!.contentType, 'application/json');
      const { message, ...rest } = calls[0]!.body;
      assert.deepEqual(rest, { destination: number, userPoolId: poolId, username: 'sam', purpose: 'signup' });
      const code = /^Your verification code is (\d{6})\. $/.exec(String(message))?.[1];
      assert.ok(code, `a code in the SMS: ${String(message)}`);

      await confirm('sam', code);
      assert.equal(await status('sam'), 'CONFIRMED');
      assert.deepEqual(await stillPending(server(), number), []);
    });

    test('a failing webhook does not fail the request; the message is retried until delivered', async () => {
      const { poolId, signUp, confirm, status } = await setup({ AutoVerifiedAttributes: ['phone_number'] });
      const number = phone();
      failing.set(number, 2);
      const out = await signUp('rita', [{ Name: 'phone_number', Value: number }]);
      assert.equal(out.UserConfirmed, false);
      assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, 'SMS');

      await until(server(), () => smsTo(number).length > 0);
      assert.equal(smsTo(number)[0]!.status, 500);

      // Backoff is on the server's clock: moving it on brings the retries due.
      await until(server(), () => smsTo(number).some((c) => c.status === 204), 1000);
      assert.deepEqual(
        smsTo(number).map((c) => c.status),
        [500, 500, 204],
      );
      const bodies = new Set(smsTo(number).map((c) => JSON.stringify(c.body)));
      assert.equal(bodies.size, 1, 'every attempt sends the same message');
      assert.deepEqual(await stillPending(server(), number), []);

      const [queued] = await messagesFor(server(), poolId, 'rita');
      await confirm('rita', queued!.code!);
      assert.equal(await status('rita'), 'CONFIRMED');
    });

    test(`delivery gives up after ${MAX_ATTEMPTS} failed attempts`, async () => {
      const { poolId, signUp } = await setup({ AutoVerifiedAttributes: ['phone_number'] });
      const number = phone();
      failing.set(number, Number.POSITIVE_INFINITY);
      await signUp('gus', [{ Name: 'phone_number', Value: number }]);
      await until(server(), () => smsTo(number).length >= MAX_ATTEMPTS && smsTo(number).every((c) => c.status === 500), 5 * 60_000);
      // Once the last failure is recorded nothing is left to try.
      const deadline = Date.now() + 10_000;
      while ((await stillPending(server(), number)).length > 0) {
        if (Date.now() > deadline) throw new Error('the message was never given up');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(smsTo(number).length, MAX_ATTEMPTS);
      // The message is still in the outbox for developers.
      assert.equal((await messagesFor(server(), poolId, 'gus')).length, 1);
    });

    test('claiming is compare-and-swap: one claim per attempt count', async () => {
      const outbox = server().services.stores.outbox;
      const now = server().clock.now();
      const id = randomUUID();
      const destination = `cas-${id}@example.com`;
      // Queued as not deliverable and then held a year ahead, so the running worker leaves it alone.
      await outbox.add(
        {
          id,
          poolId: 'us-east-1_cas',
          username: 'cas',
          channel: 'EMAIL',
          destination,
          subject: 's',
          message: 'm',
          code: undefined,
          purpose: 'test',
          createdAt: now,
        },
        { deliverable: false },
      );
      assert.deepEqual(await stillPending(server(), destination), []);
      assert.equal(await outbox.claim(id, 0, now + YEAR), true);
      assert.equal(await outbox.claim(id, 0, now + YEAR), false);
      await outbox.retryAt(id, 0, now); // a stale claim changes nothing
      assert.deepEqual(await stillPending(server(), destination).then((p) => p.map((m) => m.attempts)), [1]);
      assert.deepEqual(
        (await outbox.due(now + 1000, 1000)).filter((m) => m.id === id),
        [],
      );
      await outbox.delivered(id, now);
      assert.equal(await outbox.claim(id, 1, now + YEAR), false);
      assert.deepEqual(await stillPending(server(), destination), []);
    });
  },
  { flags: { 'smtp-url': `smtp://127.0.0.1:${smtpPort}`, 'smtp-from': FROM, 'sms-webhook': webhookUrl } },
);

describeEachBackend(
  'a message without a configured channel stays in the outbox',
  ({ server }) => {
    test('SMS with only SMTP configured: listed, logged, never attempted', async () => {
      const poolId = await createPool(server(), { AutoVerifiedAttributes: ['phone_number'] });
      const client = await createClient(server(), poolId);
      const number = phone();
      const out = await server().sdk.send(
        new SignUpCommand({ ClientId: client.clientId, Username: 'nina', Password: PASSWORD, UserAttributes: [{ Name: 'phone_number', Value: number }] }),
      );
      assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, 'SMS');
      const [queued] = await messagesFor(server(), poolId, 'nina');
      assert.equal(queued!.destination, number);
      assert.match(queued!.code!, /^\d{6}$/);
      assert.deepEqual(await stillPending(server(), number), []);
      assert.deepEqual(smsTo(number), []);
    });
  },
  { flags: { 'smtp-url': `smtp://127.0.0.1:${smtpPort}` } },
);

describeEachBackend('processes sharing a database', ({ backend }) => {
  test('each message is delivered once although every process runs a worker', async () => {
    const storage = await createTestStorage(backend);
    const flags = { 'smtp-url': `smtp://127.0.0.1:${smtpPort}` };
    const servers: TestServer[] = [];
    try {
      servers.push(await startTestServer(backend, { storage, flags }), await startTestServer(backend, { storage, flags }));
      const [a, b] = servers as [TestServer, TestServer];
      // Queued an hour ahead, so that neither worker sees them until both are woken together.
      const dueAt = a.clock.now() + 60 * 60_000;
      const addresses = Array.from({ length: 20 }, (_, i) => `multi${i}-${randomUUID()}@example.com`);
      for (const [i, address] of addresses.entries()) {
        await a.services.stores.outbox.add({
          id: randomUUID(),
          poolId: 'us-east-1_multi',
          username: `multi${i}`,
          channel: 'EMAIL',
          destination: address,
          subject: 'Your verification code',
          message: `Your verification code is ${String(i).padStart(6, '0')}. `,
          code: String(i).padStart(6, '0'),
          purpose: 'signup',
          createdAt: dueAt,
        });
      }
      for (const s of servers) s.clock.advance(2 * 60 * 60_000);
      a.services.nudgeDelivery();
      b.services.nudgeDelivery();
      await until(a, () => {
        b.services.nudgeDelivery();
        return addresses.every((address) => mailTo(address).length > 0);
      });
      // Closing waits for the attempts under way, so any second copy would have arrived by now.
      await Promise.all(servers.splice(0).map((s) => s.close()));
      assert.deepEqual(
        addresses.map((address) => mailTo(address).length),
        addresses.map(() => 1),
      );
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      await storage.dispose();
    }
  });
});
