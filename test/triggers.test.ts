import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  type CreateUserPoolCommandInput,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type SignUpCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { decryptSenderCode, senderKeyFrom } from '../src/triggers/sender-code.ts';
import { createClient, createPool, lastCode, messagesFor } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

// Trigger functions, written as a developer would into the --functions folder. Those that
// report what they saw write it under LOGS, in files named after the pool (so the SQLite and
// PostgreSQL runs do not mix).
const FUNCTIONS = mkdtempSync(join(tmpdir(), 'cognate-functions-'));
const LOGS = mkdtempSync(join(tmpdir(), 'cognate-function-logs-'));
const SENDER_KEY = 'test-sender-key-0123456789abcdefghij';
after(() => {
  rmSync(FUNCTIONS, { recursive: true, force: true });
  rmSync(LOGS, { recursive: true, force: true });
});

const record = (suffix: string) =>
  `(await import('node:fs')).appendFileSync(${JSON.stringify(LOGS)} + '/' + event.userPoolId + '-${suffix}', JSON.stringify(event) + '\\n');`;

const functions: Record<string, string> = {
  // Answers by clientMetadata.mode, and records every event it gets.
  'pre-signup.mjs': `export const handler = async (event) => {
    ${record('pre-signup')}
    const mode = event.request.clientMetadata?.mode;
    if (mode === 'confirm') event.response.autoConfirmUser = true;
    if (mode === 'confirm-verify') Object.assign(event.response, { autoConfirmUser: true, autoVerifyEmail: true });
    if (mode === 'verify-phone') event.response.autoVerifyPhone = true;
    return event;
  };`,
  // CommonJS, as a .js file with no package.json says.
  'thrower.js': `exports.handler = async () => { throw new Error('Registration from this domain is not allowed.'); };`,
  'returns-nothing.mjs': `export const handler = async (event) => { event.response.autoConfirmUser = true; };`,
  'returns-garbage.mjs': `export const handler = async () => 'not an event';`,
  'bad-shape.mjs': `export const handler = async (event) => ({ ...event, response: { autoConfirmUser: 'yes' } });`,
  'forever.mjs': `export const handler = () => { for (;;) {} };`,
  'callback-style.mjs': `export const handler = (event, context, callback) => {
    event.response.autoConfirmUser = context.functionName === 'callback-style' && context.getRemainingTimeInMillis() > 0;
    setTimeout(() => callback(null, event), 10);
  };`,
  'custom-message.mjs': `export const handler = async (event) => {
    ${record('custom-message')}
    const r = event.request;
    if (r.clientMetadata?.mode === 'no-code') { event.response.emailMessage = 'No code here'; return event; }
    event.response.emailSubject = 'Custom subject';
    event.response.emailMessage = '[' + event.triggerSource + '] ' + (r.usernameParameter ?? r.userAttributes.email) + ' ' + r.codeParameter;
    event.response.smsMessage = 'SMS ' + r.codeParameter;
    return event;
  };`,
  'post-confirmation.mjs': `export const handler = async (event) => { ${record('post-confirmation')} return event; };`,
  'post-confirmation-fails.mjs': `export const handler = async () => { throw new Error('Database unavailable'); };`,
  'migrate.mjs': `export const handler = async (event) => {
    ${record('migrate')}
    if (event.userName === 'legacy-bob') {
      event.response.userAttributes = { email: 'bob@example.com', email_verified: 'true', name: 'Bob', sub: 'ignored' };
      event.response.finalUserStatus = 'RESET_REQUIRED';
      event.response.messageAction = 'SUPPRESS';
    }
    return event;
  };`,
  'email-sender.mjs': `export const handler = async (event) => { ${record('email-sender')} return event; };`,
};
for (const [file, source] of Object.entries(functions)) writeFileSync(join(FUNCTIONS, file), source);

const arn = (name: string, qualifier?: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}${qualifier ? `:${qualifier}` : ''}`;

/** The events a recording function saw in a pool, oldest first. */
function recorded(poolId: string, suffix: string): any[] {
  const file = join(LOGS, `${poolId}-${suffix}`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';

describeEachBackend(
  'Lambda triggers from --functions',
  ({ server }) => {
    async function setup(pool: Partial<CreateUserPoolCommandInput>) {
      const s = server();
      const poolId = await createPool(s, { AutoVerifiedAttributes: ['email'], ...pool });
      const client = await createClient(s, poolId);
      const signUp = (username: string, extra: Partial<SignUpCommandInput> = {}) =>
        s.sdk.send(
          new SignUpCommand({
            ClientId: client.clientId,
            Username: username,
            Password: PASSWORD,
            UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
            ...extra,
          }),
        );
      const getUser = (username: string) => s.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
      const attribute = async (username: string, name: string) => (await getUser(username)).UserAttributes?.find((a) => a.Name === name)?.Value;
      return { s, poolId, client, signUp, getUser, attribute };
    }

    test('PreSignUp gets the SignUp event; without an answer the sign-up goes on as usual', async () => {
      const { poolId, client, signUp, getUser } = await setup({ LambdaConfig: { PreSignUp: arn('pre-signup') } });
      const out = await signUp('alice', {
        ValidationData: [{ Name: 'captcha', Value: 'ok' }],
        ClientMetadata: { source: 'web' },
      });
      assert.equal(out.UserConfirmed, false);
      assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      assert.equal((await getUser('alice')).UserStatus, 'UNCONFIRMED');

      const [event] = recorded(poolId, 'pre-signup');
      assert.deepEqual(event, {
        version: '1',
        triggerSource: 'PreSignUp_SignUp',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: client.clientId },
        request: {
          userAttributes: { email: 'alice@example.com' },
          validationData: { captcha: 'ok' },
          clientMetadata: { source: 'web' },
        },
        response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      });
    });

    test('autoConfirmUser confirms without a code; autoVerifyEmail marks the email verified', async () => {
      const { s, poolId, signUp, getUser, attribute } = await setup({ LambdaConfig: { PreSignUp: arn('pre-signup') } });

      const confirmed = await signUp('carol', { ClientMetadata: { mode: 'confirm' } });
      assert.equal(confirmed.UserConfirmed, true);
      assert.equal(confirmed.CodeDeliveryDetails, undefined);
      assert.equal((await getUser('carol')).UserStatus, 'CONFIRMED');
      assert.equal(await attribute('carol', 'email_verified'), undefined);
      assert.deepEqual(await messagesFor(s, poolId, 'carol'), []);

      const verified = await signUp('dave', { ClientMetadata: { mode: 'confirm-verify' } });
      assert.equal(verified.UserConfirmed, true);
      assert.equal((await getUser('dave')).UserStatus, 'CONFIRMED');
      assert.equal(await attribute('dave', 'email_verified'), 'true');

      // Verifying a phone number the user does not have fails the sign-up.
      await rejectsWith(
        signUp('erin', { ClientMetadata: { mode: 'verify-phone' } }),
        'InvalidParameterException',
        'Cannot auto verify phone_number: the user has no phone_number.',
      );
      await rejectsWith(getUser('erin'), 'UserNotFoundException');
    });

    test('a callback-style handler gets a Lambda-like context', async () => {
      const { signUp } = await setup({ LambdaConfig: { PreSignUp: arn('callback-style') } });
      assert.equal((await signUp('frank')).UserConfirmed, true);
    });

    test('a function edited on disk is loaded afresh', async () => {
      const file = join(FUNCTIONS, 'edited.mjs');
      const version = (confirm: boolean) =>
        writeFileSync(file, `export const handler = async (event) => { event.response.autoConfirmUser = ${confirm}; return event; };`);
      version(false);
      const { signUp } = await setup({ LambdaConfig: { PreSignUp: arn('edited') } });
      assert.equal((await signUp('fred')).UserConfirmed, false);
      version(true);
      assert.equal((await signUp('fiona')).UserConfirmed, true);
    });

    test('a function that throws refuses the sign-up: UserLambdaValidationException, a period appended', async () => {
      // A qualified ARN (alias or version) runs the same module.
      const { s, poolId, signUp, getUser } = await setup({ LambdaConfig: { PreSignUp: arn('thrower', 'live') } });
      const message = 'PreSignUp failed with error Registration from this domain is not allowed..';
      await rejectsWith(signUp('gina'), 'UserLambdaValidationException', message);
      await rejectsWith(getUser('gina'), 'UserNotFoundException');
      // AdminCreateUser runs PreSignUp_AdminCreateUser, which refuses just the same.
      await rejectsWith(
        s.sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'gina', MessageAction: 'SUPPRESS' })),
        'UserLambdaValidationException',
        message,
      );
    });

    test('a function that answers with nothing or no JSON object: InvalidLambdaResponseException', async () => {
      for (const name of ['returns-nothing', 'returns-garbage']) {
        const { signUp } = await setup({ LambdaConfig: { PreSignUp: arn(name) } });
        await rejectsWith(signUp('hank'), 'InvalidLambdaResponseException', 'Invalid lambda function output : Invalid JSON');
      }
      const { signUp } = await setup({ LambdaConfig: { PreSignUp: arn('bad-shape') } });
      await rejectsWith(signUp('hank'), 'InvalidLambdaResponseException', 'Unrecognizable lambda output');
    });

    test('a function that is not in the folder: UnexpectedLambdaException', async () => {
      const { signUp } = await setup({ LambdaConfig: { PreSignUp: arn('no-such-function') } });
      await rejectsWith(signUp('ivan'), 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error ResourceNotFoundException.');
    });

    test('a function that never returns times out after 5 s, and the server keeps answering meanwhile', async () => {
      const { s, poolId, signUp } = await setup({ LambdaConfig: { PreSignUp: arn('forever') } });
      let settled = false;
      const pending = signUp('judy').finally(() => {
        settled = true;
      });
      const described = await s.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      assert.equal(described.UserPool?.Id, poolId);
      assert.equal(settled, false, 'DescribeUserPool was answered while the function was still running');
      await rejectsWith(pending, 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.');
      // The stuck thread was replaced: functions still run.
      const other = await setup({ LambdaConfig: { PreSignUp: arn('pre-signup') } });
      assert.equal((await other.signUp('judy', { ClientMetadata: { mode: 'confirm' } })).UserConfirmed, true);
    });

    test('PreSignUp_AdminCreateUser: admin caller, answers ignored', async () => {
      const { s, poolId, getUser } = await setup({ LambdaConfig: { PreSignUp: arn('pre-signup') } });
      await s.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'kate',
          UserAttributes: [{ Name: 'email', Value: 'kate@example.com' }],
          ValidationData: [{ Name: 'v', Value: '1' }],
          ClientMetadata: { mode: 'confirm-verify' },
          MessageAction: 'SUPPRESS',
        }),
      );
      const user = await getUser('kate');
      assert.equal(user.UserStatus, 'FORCE_CHANGE_PASSWORD');
      assert.equal(
        user.UserAttributes?.find((a) => a.Name === 'email_verified'),
        undefined,
      );
      const [event] = recorded(poolId, 'pre-signup');
      assert.equal(event.triggerSource, 'PreSignUp_AdminCreateUser');
      assert.equal(event.callerContext.clientId, 'CLIENT_ID_NOT_APPLICABLE');
      assert.deepEqual(event.request.validationData, { v: '1' });
    });

    test('CustomMessage rewrites the text of every code message; the code fills its placeholder', async () => {
      const { s, poolId, client, signUp } = await setup({ LambdaConfig: { CustomMessage: arn('custom-message') } });
      await signUp('liam');
      let sent: Awaited<ReturnType<typeof messagesFor>>[number] | undefined = (await messagesFor(s, poolId, 'liam'))[0];
      assert.equal(sent!.subject, 'Custom subject');
      assert.equal(sent!.message, `[CustomMessage_SignUp] liam@example.com ${sent!.code}`);
      assert.match(sent!.code!, /^\d{6}$/);

      await s.sdk.send(new ResendConfirmationCodeCommand({ ClientId: client.clientId, Username: 'liam' }));
      sent = (await messagesFor(s, poolId, 'liam')).at(-1);
      assert.equal(sent!.message, `[CustomMessage_ResendCode] liam@example.com ${sent!.code}`);

      await s.sdk.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: 'liam', ConfirmationCode: sent!.code! }));
      await s.sdk.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username: 'liam', ClientMetadata: { locale: 'fr' } }));
      sent = (await messagesFor(s, poolId, 'liam')).at(-1);
      assert.equal(sent!.message, `[CustomMessage_ForgotPassword] liam@example.com ${sent!.code}`);
      assert.deepEqual(recorded(poolId, 'custom-message').at(-1).request.clientMetadata, { locale: 'fr' });

      await s.sdk.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'liam', UserAttributes: [{ Name: 'email', Value: 'liam2@example.com' }] }),
      );
      sent = (await messagesFor(s, poolId, 'liam')).at(-1);
      assert.equal(sent!.message, `[CustomMessage_UpdateUserAttribute] liam2@example.com ${sent!.code}`);

      await s.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'mia',
          TemporaryPassword: 'Temp0rary!',
          UserAttributes: [{ Name: 'email', Value: 'mia@example.com' }],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      const [invitation] = await messagesFor(s, poolId, 'mia');
      assert.equal(invitation!.message, '[CustomMessage_AdminCreateUser] mia Temp0rary!');
      const event = recorded(poolId, 'custom-message').at(-1);
      assert.equal(event.request.usernameParameter, '{username}');
      assert.equal(event.request.codeParameter, '{####}');
      assert.equal(event.request.userAttributes['cognito:user_status'], 'FORCE_CHANGE_PASSWORD');
    });

    test('a CustomMessage text without the code placeholder is not used: the default message goes out', async () => {
      const { s, poolId, signUp } = await setup({ LambdaConfig: { CustomMessage: arn('custom-message') } });
      await signUp('noah', { ClientMetadata: { mode: 'no-code' } });
      const [sent] = await messagesFor(s, poolId, 'noah');
      assert.equal(sent!.message, `Your verification code is ${sent!.code}. `);
    });

    test('PostConfirmation runs after ConfirmSignUp, AdminConfirmSignUp and ConfirmForgotPassword', async () => {
      const { s, poolId, client, signUp } = await setup({ LambdaConfig: { PostConfirmation: arn('post-confirmation') } });
      await signUp('olga');
      const code = await lastCode(s, poolId, 'olga');
      await s.sdk.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: 'olga', ConfirmationCode: code, ClientMetadata: { step: 'confirm' } }));
      await signUp('pete');
      await s.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'pete' }));
      await s.sdk.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username: 'olga' }));
      await s.sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: client.clientId,
          Username: 'olga',
          ConfirmationCode: await lastCode(s, poolId, 'olga'),
          Password: NEW_PASSWORD,
        }),
      );
      const events = recorded(poolId, 'post-confirmation');
      assert.deepEqual(
        events.map((e) => [e.triggerSource, e.userName, e.callerContext.clientId, e.request.userAttributes['cognito:user_status'], e.request.clientMetadata]),
        [
          ['PostConfirmation_ConfirmSignUp', 'olga', client.clientId, 'CONFIRMED', { step: 'confirm' }],
          ['PostConfirmation_ConfirmSignUp', 'pete', 'CLIENT_ID_NOT_APPLICABLE', 'CONFIRMED', null],
          ['PostConfirmation_ConfirmForgotPassword', 'olga', client.clientId, 'CONFIRMED', null],
        ],
      );
      assert.equal(events[0].request.userAttributes.email_verified, 'true');
      assert.match(events[0].request.userAttributes.sub, /^[0-9a-f-]{36}$/);
    });

    test('a failing PostConfirmation is reported, but the user stays confirmed', async () => {
      const { s, poolId, client, signUp, getUser } = await setup({ LambdaConfig: { PostConfirmation: arn('post-confirmation-fails') } });
      await signUp('quinn');
      const code = await lastCode(s, poolId, 'quinn');
      await rejectsWith(
        s.sdk.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: 'quinn', ConfirmationCode: code })),
        'UserLambdaValidationException',
        'PostConfirmation failed with error Database unavailable.',
      );
      assert.equal((await getUser('quinn')).UserStatus, 'CONFIRMED');
    });

    test('ForgotPassword for an unknown user asks UserMigration, creates the user and sends the code', async () => {
      const { s, poolId, client, getUser, attribute } = await setup({ LambdaConfig: { UserMigration: arn('migrate') } });
      const out = await s.sdk.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username: 'legacy-bob', ClientMetadata: { app: 'old' } }));
      assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      const user = await getUser('legacy-bob');
      assert.equal(user.UserStatus, 'RESET_REQUIRED');
      assert.equal(await attribute('legacy-bob', 'name'), 'Bob');
      assert.notEqual(await attribute('legacy-bob', 'sub'), 'ignored');

      const [event] = recorded(poolId, 'migrate');
      assert.equal(event.triggerSource, 'UserMigration_ForgotPassword');
      assert.equal(event.userName, 'legacy-bob');
      assert.equal('password' in event.request, false);
      assert.deepEqual(event.request.clientMetadata, { app: 'old' });

      await s.sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: client.clientId,
          Username: 'legacy-bob',
          ConfirmationCode: await lastCode(s, poolId, 'legacy-bob'),
          Password: NEW_PASSWORD,
        }),
      );
      assert.equal((await getUser('legacy-bob')).UserStatus, 'CONFIRMED');

      // A name the function does not know stays unknown.
      await rejectsWith(
        s.sdk.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username: 'nobody' })),
        'UserNotFoundException',
        'Username/client id combination not found.',
      );
      await rejectsWith(getUser('nobody'), 'UserNotFoundException');
    });

    test('CustomEmailSender gets the code encrypted instead of an email being sent', async () => {
      const { s, poolId, client, signUp, getUser } = await setup({
        LambdaConfig: {
          CustomEmailSender: { LambdaArn: arn('email-sender'), LambdaVersion: 'V1_0' },
          KMSKeyID: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
        },
      });
      const out = await signUp('rosa', { ClientMetadata: { flow: 'signup' } });
      assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      assert.deepEqual(await messagesFor(s, poolId, 'rosa'), []);

      const [event] = recorded(poolId, 'email-sender');
      assert.equal(event.triggerSource, 'CustomEmailSender_SignUp');
      assert.equal(event.request.type, 'customEmailSenderRequestV1');
      assert.equal(event.request.userAttributes.email, 'rosa@example.com');
      assert.deepEqual(event.request.clientMetadata, { flow: 'signup' });
      const code = decryptSenderCode(senderKeyFrom(SENDER_KEY), event.request.code);
      assert.match(code, /^\d{6}$/);
      await s.sdk.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: 'rosa', ConfirmationCode: code }));
      assert.equal((await getUser('rosa')).UserStatus, 'CONFIRMED');

      // A temporary password is HTML-escaped before it is encrypted.
      await s.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'sam',
          TemporaryPassword: 'Temp<0>&rary',
          UserAttributes: [{ Name: 'email', Value: 'sam@example.com' }],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      const invitation = recorded(poolId, 'email-sender').at(-1);
      assert.equal(invitation.triggerSource, 'CustomEmailSender_AdminCreateUser');
      assert.equal(decryptSenderCode(senderKeyFrom(SENDER_KEY), invitation.request.code), 'Temp&lt;0&gt;&amp;rary');
    });
  },
  { flags: { functions: FUNCTIONS, 'sender-key': SENDER_KEY } },
);
