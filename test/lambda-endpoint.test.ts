import assert from 'node:assert/strict';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { AdminGetUserCommand, ConfirmSignUpCommand, SignUpCommand, type CreateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { decryptSenderCode, senderKeyFrom } from '../src/triggers/sender-code.ts';
import { createClient, createPool, messagesFor } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

// A tiny Lambda-compatible Invoke API on loopback: POST /2015-03-31/functions/<name>/invocations
// runs the handler named <name> (the SDK may send the whole ARN there) and answers with its JSON;
// a thrown error becomes a 200 with X-Amz-Function-Error: Unhandled, as Lambda does.

interface Invocation {
  name: string;
  invocationType: string | undefined;
  event: any;
}

const invocations: Invocation[] = [];

const handlers: Record<string, (event: any) => unknown> = {
  'auto-confirm': (event) => ({ ...event, response: { ...event.response, autoConfirmUser: true } }),
  refuse: () => {
    throw new Error('Blocked by policy.');
  },
  garbage: () => 'not json at all',
  'never-answers': () => new Promise(() => {}),
  'custom-message': (event) => ({ ...event, response: { ...event.response, emailMessage: `Remote says ${event.request.codeParameter}` } }),
  'email-sender': (event) => event,
};

function functionName(segment: string): string {
  const decoded = decodeURIComponent(segment);
  const m = /:function:([^:]+)/.exec(decoded);
  return m ? m[1]! : decoded;
}

async function invoke(req: IncomingMessage, res: ServerResponse) {
  const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? '');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (req.method !== 'POST' || !m) {
    res.writeHead(404).end();
    return;
  }
  const name = functionName(m[1]!);
  const handler = handlers[name];
  if (!handler) {
    res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
    res.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
    return;
  }
  const invocationType = req.headers['x-amz-invocation-type'] as string | undefined;
  const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  invocations.push({ name, invocationType, event });
  if (invocationType === 'Event') {
    res.writeHead(202).end();
    void Promise.resolve().then(() => handler(event));
    return;
  }
  try {
    const result = await handler(event);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(typeof result === 'string' ? result : JSON.stringify(result));
  } catch (error) {
    res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
    res.end(JSON.stringify({ errorType: 'Error', errorMessage: (error as Error).message, trace: [] }));
  }
}

const lambda = createServer((req, res) => {
  invoke(req, res).catch(() => res.writeHead(500).end());
});
await new Promise<void>((resolve) => lambda.listen(0, '127.0.0.1', resolve));
const LAMBDA_URL = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`;
after(() => {
  lambda.closeAllConnections();
  lambda.close();
});

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const MASTER_SECRET = 'test-master-secret-0123456789abcdef';

describeEachBackend(
  'Lambda triggers through --lambda-endpoint',
  ({ server }) => {
    async function setup(pool: Partial<CreateUserPoolCommandInput>) {
      const s = server();
      const poolId = await createPool(s, { AutoVerifiedAttributes: ['email'], ...pool });
      const client = await createClient(s, poolId);
      const signUp = (username: string) =>
        s.sdk.send(
          new SignUpCommand({
            ClientId: client.clientId,
            Username: username,
            Password: 'Passw0rd!',
            UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
          }),
        );
      return { s, poolId, client, signUp };
    }
    const eventsFor = (poolId: string) => invocations.filter((i) => i.event.userPoolId === poolId);

    test('the function answers through the Invoke API (RequestResponse)', async () => {
      const { s, poolId, client, signUp } = await setup({ LambdaConfig: { PreSignUp: arn('auto-confirm') } });
      assert.equal((await signUp('alice')).UserConfirmed, true);
      const [call] = eventsFor(poolId);
      assert.equal(call!.name, 'auto-confirm');
      assert.equal(call!.invocationType ?? 'RequestResponse', 'RequestResponse');
      assert.equal(call!.event.triggerSource, 'PreSignUp_SignUp');
      assert.equal(call!.event.callerContext.clientId, client.clientId);
      const user = await s.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
      assert.equal(user.UserStatus, 'CONFIRMED');
    });

    test('a function error (X-Amz-Function-Error) is UserLambdaValidationException', async () => {
      const { signUp } = await setup({ LambdaConfig: { PreSignUp: arn('refuse') } });
      await rejectsWith(signUp('bob'), 'UserLambdaValidationException', 'PreSignUp failed with error Blocked by policy..');
    });

    test('a payload that is not JSON is InvalidLambdaResponseException', async () => {
      const { signUp } = await setup({ LambdaConfig: { PreSignUp: arn('garbage') } });
      await rejectsWith(signUp('carl'), 'InvalidLambdaResponseException', 'Invalid lambda function output : Invalid JSON');
    });

    test('an unknown function is UnexpectedLambdaException naming the service error', async () => {
      const { signUp } = await setup({ LambdaConfig: { PreSignUp: arn('missing') } });
      await rejectsWith(signUp('dina'), 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error ResourceNotFoundException.');
    });

    test('a function that never answers times out after 5 s', async () => {
      const { signUp } = await setup({ LambdaConfig: { PreSignUp: arn('never-answers') } });
      await rejectsWith(signUp('eve'), 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.');
    });

    test('CustomMessage through the endpoint; the custom sender is invoked asynchronously (Event)', async () => {
      const viaMessage = await setup({ LambdaConfig: { CustomMessage: arn('custom-message') } });
      await viaMessage.signUp('fay');
      const [sent] = await messagesFor(viaMessage.s, viaMessage.poolId, 'fay');
      assert.equal(sent!.message, `Remote says ${sent!.code}`);

      const { s, poolId, client, signUp } = await setup({ LambdaConfig: { CustomEmailSender: { LambdaArn: arn('email-sender'), LambdaVersion: 'V1_0' } } });
      await signUp('gus');
      const [call] = eventsFor(poolId);
      assert.equal(call!.invocationType, 'Event');
      assert.equal(call!.event.triggerSource, 'CustomEmailSender_SignUp');
      // Without --sender-key the key is derived from the master secret (the test servers' own).
      const code = decryptSenderCode(senderKeyFrom(MASTER_SECRET), call!.event.request.code);
      await s.sdk.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: 'gus', ConfirmationCode: code }));
      assert.deepEqual(await messagesFor(s, poolId, 'gus'), []);
    });
  },
  { flags: { 'lambda-endpoint': LAMBDA_URL } },
);
