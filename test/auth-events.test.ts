import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  type AuthEventType,
  RespondToAuthChallengeCommand,
  UpdateAuthEventFeedbackCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { runHousekeeping } from '../src/housekeeping.ts';
import { passwordAuth } from './support/auth.ts';
import { codeFor, mfaUser, otherCode } from './support/mfa.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

// Every sign-in attempt is one authentication event (AdminListUserAuthEvents), however many
// challenges it passes; its trace (for the console) shows each step with no secret in it.

async function auditing(server: TestServer, poolId: string) {
  await server.sdk.send(new UpdateUserPoolCommand({ UserPoolId: poolId, UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' }, MfaConfiguration: 'ON' }));
}

const list = (server: TestServer, poolId: string, username: string, extra: { MaxResults?: number; NextToken?: string } = {}) =>
  server.sdk.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: username, ...extra }));

describeEachBackend('authentication events', ({ server }) => {
  test('without threat protection the API answers UserPoolAddOnNotEnabledException', async () => {
    const s = await mfaUser(server(), { mode: 'ON', enable: ['SMS_MFA'] });
    await rejectsWith(list(server(), s.poolId, s.username), 'UserPoolAddOnNotEnabledException');
  });

  test('a failed, an unfinished and a finished MFA sign-in are three events, newest first, with their challenge results', async () => {
    const s = await mfaUser(server(), { mode: 'ON', enable: ['SMS_MFA'] });
    await auditing(server(), s.poolId);
    await rejectsWith(passwordAuth(server(), s, s.username, 'Wr0ng-passw0rd!'), 'NotAuthorizedException');
    server().clock.advance(1000);
    await passwordAuth(server(), s, s.username, s.password); // left at SMS_MFA
    server().clock.advance(1000);
    const third = await passwordAuth(server(), s, s.username, s.password);
    const code = await codeFor(server(), s, 'SMS_MFA');
    const respond = (c: string) =>
      server().sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: s.client.clientId,
          ChallengeName: 'SMS_MFA',
          Session: third.Session,
          ChallengeResponses: { USERNAME: s.username, SMS_MFA_CODE: c },
        }),
      );
    await rejectsWith(respond(otherCode(code)), 'CodeMismatchException');
    const done = await respond(code);
    assert.ok(done.AuthenticationResult?.AccessToken);

    const { AuthEvents } = await list(server(), s.poolId, s.username);
    // Sign-ins only: the setup's own sign-in (enrolling nothing) counts too, but comes first.
    const [finished, unfinished, failed] = AuthEvents!;
    const shape = (e: AuthEventType) => ({ EventType: e.EventType, EventResponse: e.EventResponse, ChallengeResponses: e.ChallengeResponses });
    assert.deepEqual(shape(finished!), {
      EventType: 'SignIn',
      EventResponse: 'Pass',
      ChallengeResponses: [
        { ChallengeName: 'Password', ChallengeResponse: 'Success' },
        { ChallengeName: 'Mfa', ChallengeResponse: 'Failure' },
        { ChallengeName: 'Mfa', ChallengeResponse: 'Success' },
      ],
    });
    assert.deepEqual(shape(unfinished!), {
      EventType: 'SignIn',
      EventResponse: 'InProgress',
      ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }],
    });
    assert.deepEqual(shape(failed!), {
      EventType: 'SignIn',
      EventResponse: 'Fail',
      ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }],
    });
    for (const e of [finished!, unfinished!, failed!]) {
      assert.match(e.EventId!, /^[0-9a-f-]{36}$/);
      assert.ok(e.CreationDate instanceof Date);
      assert.deepEqual(e.EventRisk, { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false });
      assert.match(e.EventContextData?.IpAddress ?? '', /127\.0\.0\.1/);
      assert.ok(e.EventContextData?.DeviceName);
    }
    assert.ok(finished!.CreationDate! > unfinished!.CreationDate! && unfinished!.CreationDate! > failed!.CreationDate!, 'newest first');

    // One page at a time.
    const first = await list(server(), s.poolId, s.username, { MaxResults: 1 });
    assert.equal(first.AuthEvents!.length, 1);
    assert.equal(first.AuthEvents![0]!.EventId, finished!.EventId);
    const second = await list(server(), s.poolId, s.username, { MaxResults: 1, NextToken: first.NextToken! });
    assert.equal(second.AuthEvents![0]!.EventId, unfinished!.EventId);

    // The trace behind the finished one: every step, no secret.
    const stored = await server().services.stores.authEvents.get(s.poolId, finished!.EventId!);
    const kinds = stored!.trace.map((step) => step.kind);
    assert.deepEqual(kinds, ['flow', 'decision', 'issued', 'answered', 'error', 'answered', 'decision', 'tokens']);
    const text = JSON.stringify(stored!.trace);
    for (const secret of [s.password, code, third.Session!, done.AuthenticationResult!.RefreshToken!, done.AuthenticationResult!.AccessToken!.split('.')[2]!]) {
      assert.ok(!text.includes(secret), 'no secret in the trace');
    }
    const decision = stored!.trace.find((step) => step.kind === 'decision') as unknown as { decision: string; why: { mfaConfiguration: string } };
    assert.equal(decision.decision, 'SMS_MFA');
    assert.equal(decision.why.mfaConfiguration, 'ON');
  });

  test('feedback: the admin judges an event; a user needs the event feedback token', async () => {
    const s = await mfaUser(server(), { mode: 'ON', enable: ['SMS_MFA'] });
    await auditing(server(), s.poolId);
    await rejectsWith(passwordAuth(server(), s, s.username, 'Wr0ng-passw0rd!'), 'NotAuthorizedException');
    const [event] = (await list(server(), s.poolId, s.username)).AuthEvents!;
    await server().sdk.send(
      new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: s.poolId, Username: s.username, EventId: event!.EventId, FeedbackValue: 'Invalid' }),
    );
    const [judged] = (await list(server(), s.poolId, s.username)).AuthEvents!;
    assert.equal(judged!.EventFeedback?.FeedbackValue, 'Invalid');
    assert.equal(judged!.EventFeedback?.Provider, 'Admin');
    assert.ok(judged!.EventFeedback?.FeedbackDate instanceof Date);
    await rejectsWith(
      server().sdk.send(
        new UpdateAuthEventFeedbackCommand({
          UserPoolId: s.poolId,
          Username: s.username,
          EventId: event!.EventId,
          FeedbackToken: 'not-the-token',
          FeedbackValue: 'Valid',
        }),
      ),
      'NotAuthorizedException',
    );
    await rejectsWith(
      server().sdk.send(
        new AdminUpdateAuthEventFeedbackCommand({
          UserPoolId: s.poolId,
          Username: s.username,
          EventId: '00000000-0000-4000-8000-000000000000',
          FeedbackValue: 'Valid',
        }),
      ),
      'ResourceNotFoundException',
    );
    const token = server().services.sealer.open((await server().services.stores.authEvents.get(s.poolId, event!.EventId!))!.feedbackToken);
    await server().sdk.send(
      new UpdateAuthEventFeedbackCommand({ UserPoolId: s.poolId, Username: s.username, EventId: event!.EventId, FeedbackToken: token, FeedbackValue: 'Valid' }),
    );
    const [userJudged] = (await list(server(), s.poolId, s.username)).AuthEvents!;
    assert.deepEqual([userJudged!.EventFeedback?.FeedbackValue, userJudged!.EventFeedback?.Provider], ['Valid', 'User']);
  });

  test('events are kept --auth-event-days (90 by default), then housekept away', async () => {
    const s = await mfaUser(server(), { mode: 'ON', enable: ['SMS_MFA'] });
    await auditing(server(), s.poolId);
    await rejectsWith(passwordAuth(server(), s, s.username, 'Wr0ng-passw0rd!'), 'NotAuthorizedException');
    const count = async () => (await list(server(), s.poolId, s.username)).AuthEvents!.length;
    const before = await count();
    assert.ok(before >= 1);
    server().clock.advance(89 * 86_400_000);
    await runHousekeeping(server().services);
    assert.equal(await count(), before, 'kept for 90 days');
    server().clock.advance(2 * 86_400_000);
    await runHousekeeping(server().services);
    assert.equal(await count(), 0, 'gone after');
  });

  test('an unknown user under PreventUserExistenceErrors leaves no event', async () => {
    const s = await mfaUser(server(), { mode: 'ON', enable: ['SMS_MFA'], client: { PreventUserExistenceErrors: 'ENABLED' } });
    await auditing(server(), s.poolId);
    const before = await server().services.stores.authEvents.listForUser(s.poolId, 'nobody', 60, undefined);
    await rejectsWith(passwordAuth(server(), s, 'nobody', 'Wr0ng-passw0rd!'), 'NotAuthorizedException');
    const after = await server().services.stores.authEvents.listForUser(s.poolId, 'nobody', 60, undefined);
    assert.equal(after.items.length, before.items.length);
  });
});
