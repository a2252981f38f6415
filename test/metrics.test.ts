import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { passwordAuth, respond, signInSetup } from './support/auth.ts';
import { parseMetrics, sampleValue, scrape, type Sample } from './support/metrics.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';
import { srpClient } from './support/srp-client.ts';
import { arn, functionFolder } from './support/trigger-functions.ts';

const fx = functionFolder();
fx.write({
  'metrics-pre-auth.mjs': 'export const handler = async (event) => event;',
  'metrics-refuse.mjs': "export const handler = async () => { throw new Error('not today'); };",
});

/** What changed between two scrapes, for one sample. */
const delta = (before: Sample[], after: Sample[], name: string, labels: Record<string, string> = {}) =>
  sampleValue(after, name, labels) - sampleValue(before, name, labels);

describeEachBackend(
  'metrics',
  ({ server, backend }) => {
    test('GET /metrics is Prometheus text with the request, sign-in, challenge and outbox metrics', async () => {
      const res = await fetch(`${server().url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      for (const name of [
        'cognate_requests_total',
        'cognate_request_duration_seconds',
        'cognate_sign_ins_total',
        'cognate_challenges_total',
        'cognate_lockout_refusals_total',
        'cognate_trigger_invocations_total',
        'cognate_trigger_duration_seconds',
        'cognate_message_deliveries_total',
        'cognate_outbox_depth',
        'cognate_db_connections',
      ]) {
        assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), name);
      }
      const samples = parseMetrics(text);
      assert.equal(sampleValue(samples, 'cognate_outbox_depth'), 0);
      if (backend === 'postgres') {
        // The scrape itself may hold a connection: idle and busy together count the pool's.
        const open = sampleValue(samples, 'cognate_db_connections', { state: 'idle' }) + sampleValue(samples, 'cognate_db_connections', { state: 'busy' });
        assert.ok(open >= 1, 'the pool has an open connection');
      }
    });

    test('sign-ins, challenges, requests and lockouts move the counters', async () => {
      const s = await signInSetup(server());
      const before = await scrape(server().url);

      await passwordAuth(server(), s, s.username, s.password);
      await rejectsWith(passwordAuth(server(), s, s.username, 'Wrong-passw0rd!'), 'NotAuthorizedException', 'Incorrect username or password.');

      const c = srpClient(s.poolId, s.password);
      const started = await server().sdk.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: s.client.clientId, AuthParameters: { USERNAME: s.username, SRP_A: c.A } }),
      );
      assert.equal(started.ChallengeName, 'PASSWORD_VERIFIER');
      const done = await respond(server(), s, 'PASSWORD_VERIFIER', undefined, c.answer(started.ChallengeParameters!));
      assert.ok(done.AuthenticationResult?.AccessToken);

      // Five failures lock the user; the next attempt is refused without being judged.
      for (let i = 0; i < 5; i++) await rejectsWith(passwordAuth(server(), s, s.username, 'Wrong-passw0rd!'), 'NotAuthorizedException');
      await rejectsWith(passwordAuth(server(), s, s.username, s.password), 'NotAuthorizedException', 'Password attempts exceeded');

      await sleep(50); // the last request's line is counted once its answer is sent
      const after = await scrape(server().url);
      const sign = 'cognate_sign_ins_total';
      assert.equal(delta(before, after, sign, { flow: 'USER_PASSWORD_AUTH', result: 'success' }), 1);
      assert.equal(delta(before, after, sign, { flow: 'USER_PASSWORD_AUTH', result: 'NotAuthorizedException' }), 7);
      assert.equal(delta(before, after, sign, { flow: 'USER_SRP_AUTH', result: 'success' }), 1);
      assert.equal(delta(before, after, 'cognate_challenges_total', { challenge: 'PASSWORD_VERIFIER', result: 'issued' }), 1);
      assert.equal(delta(before, after, 'cognate_challenges_total', { challenge: 'PASSWORD_VERIFIER', result: 'passed' }), 1);
      assert.equal(delta(before, after, 'cognate_lockout_refusals_total'), 1);
      assert.equal(delta(before, after, 'cognate_requests_total', { operation: 'InitiateAuth', outcome: 'ok' }), 2);
      assert.equal(delta(before, after, 'cognate_requests_total', { operation: 'InitiateAuth', outcome: 'NotAuthorizedException' }), 7);
      assert.equal(delta(before, after, 'cognate_requests_total', { operation: 'RespondToAuthChallenge', outcome: 'ok' }), 1);
      assert.equal(delta(before, after, 'cognate_request_duration_seconds_count', { operation: 'InitiateAuth' }), 9);
      assert.equal(delta(before, after, 'cognate_requests_total', { operation: 'GET /metrics', outcome: 'ok' }), 1);
    });

    test('trigger invocations are counted by outcome, with their latency', async () => {
      const ok = await signInSetup(server(), { pool: { LambdaConfig: { PreAuthentication: arn('metrics-pre-auth') } } });
      const refused = await signInSetup(server(), { pool: { LambdaConfig: { PreAuthentication: arn('metrics-refuse') } } });
      const before = await scrape(server().url);
      await passwordAuth(server(), ok, ok.username, ok.password);
      await rejectsWith(passwordAuth(server(), refused, refused.username, refused.password), 'UserLambdaValidationException');
      const after = await scrape(server().url);
      assert.equal(delta(before, after, 'cognate_trigger_invocations_total', { trigger: 'PreAuthentication', outcome: 'ok' }), 1);
      assert.equal(delta(before, after, 'cognate_trigger_invocations_total', { trigger: 'PreAuthentication', outcome: 'threw' }), 1);
      assert.equal(delta(before, after, 'cognate_trigger_duration_seconds_count', { trigger: 'PreAuthentication' }), 2);
      assert.equal(delta(before, after, 'cognate_sign_ins_total', { flow: 'USER_PASSWORD_AUTH', result: 'UserLambdaValidationException' }), 1);
    });
  },
  { flags: { functions: fx.dir } },
);
