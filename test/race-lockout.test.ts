import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PASSWORD, signInSetup } from './support/auth.ts';
import { assertTally, describeCluster, tally } from './support/cluster.ts';
import { srpClient } from './support/srp-client.ts';

// Lockout under attack: however many guesses arrive at once, over however many processes, only
// five are judged before the account locks (Cognito's lockout: five failures, then a lock of one
// second doubling with each further failure); the rest are refused unjudged, and the right
// password right after them is refused too.

const CONCURRENT = 50;

/**
 * How many guesses the lock schedule lets through in `ms` from the first: five, then one more
 * each time a lock ends (1 s after the fifth failure, 2 s after the sixth, 4 s after the
 * seventh…). On an idle machine a burst takes well under a second and exactly five are judged;
 * on a loaded one it may outlast the first lock, and one more is the schedule, not a race.
 */
function judgedWithin(ms: number): number {
  let judged = 5;
  let at = 0;
  for (let lock = 1000; at + lock <= ms; lock *= 2) {
    at += lock;
    judged++;
  }
  return judged;
}

/** Asserts that a burst of wrong guesses was judged no faster than the lock schedule allows. */
function assertLockedOut(t: { ok: number; errors: Record<string, number> }, started: number, what: string): void {
  const allowed = judgedWithin(Date.now() - started);
  const judged = t.errors[incorrect] ?? 0;
  assert.equal(t.ok, 0, what);
  assert.ok(judged >= 5 && judged <= allowed, `${what}: ${judged} judged, the schedule allows ${allowed}`);
  assert.deepEqual(t.errors, { [incorrect]: judged, [locked]: CONCURRENT - judged }, what);
}
const WRONG = 'Wr0ng-Passw0rd!';
const incorrect = 'NotAuthorizedException: Incorrect username or password.';
const locked = 'NotAuthorizedException: Password attempts exceeded';

describeCluster('race: lockout', ({ cluster }) => {
  const passwordAuth = (i: number, clientId: string, username: string, password: string) =>
    cluster()
      .sdkFor(i)
      .send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));

  test(`${CONCURRENT} concurrent wrong passwords: exactly 5 are judged, and the right one after them is refused`, async () => {
    const s = await signInSetup(cluster().server);
    const started = Date.now();
    const t = await tally(Array.from({ length: CONCURRENT }, (_, i) => passwordAuth(i, s.client.clientId, s.username, WRONG)));
    assertLockedOut(t, started, 'five judged, the rest refused');
    // The lock lasts a second from the fifth failure (no later than the burst's end): the right
    // password inside it is refused. On a loaded machine the burst itself may outlast it, and
    // then the right password being accepted is the schedule too; never before a second is up.
    const after = await tally([passwordAuth(0, s.client.clientId, s.username, PASSWORD)]);
    if (after.ok === 1) {
      const elapsed = Date.now() - started;
      assert.ok(elapsed > 1000, `the right password was accepted ${elapsed} ms after the burst began, inside the lock`);
    } else {
      assertTally(after, { ok: 0, errors: { [locked]: 1 } }, 'the right password is refused while locked');
    }
  });

  test(`${CONCURRENT} concurrent wrong SRP proofs: exactly 5 are judged`, async () => {
    const s = await signInSetup(cluster().server);
    // Each proof answers its own PASSWORD_VERIFIER (InitiateAuth only reads the lock).
    const started = await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, i) => {
        const c = srpClient(s.poolId, WRONG);
        const res = await cluster()
          .sdkFor(i)
          .send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: s.client.clientId, AuthParameters: { USERNAME: s.username, SRP_A: c.A } }));
        return c.answer(res.ChallengeParameters!);
      }),
    );
    const burst = Date.now();
    const t = await tally(
      started.map((responses, i) =>
        cluster()
          .sdkFor(i + 1)
          .send(new RespondToAuthChallengeCommand({ ClientId: s.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: responses })),
      ),
    );
    assertLockedOut(t, burst, 'five proofs judged, the rest refused');
  });

  test(`${CONCURRENT} concurrent guesses mixing passwords and SRP proofs share one count: exactly 5 are judged`, async () => {
    const s = await signInSetup(cluster().server);
    const proofs = await Promise.all(
      Array.from({ length: CONCURRENT / 2 }, async (_, i) => {
        const c = srpClient(s.poolId, WRONG);
        const res = await cluster()
          .sdkFor(i)
          .send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: s.client.clientId, AuthParameters: { USERNAME: s.username, SRP_A: c.A } }));
        return c.answer(res.ChallengeParameters!);
      }),
    );
    const started = Date.now();
    const t = await tally([
      ...proofs.map((responses, i) =>
        cluster()
          .sdkFor(i)
          .send(new RespondToAuthChallengeCommand({ ClientId: s.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: responses })),
      ),
      ...Array.from({ length: CONCURRENT / 2 }, (_, i) => passwordAuth(i + 1, s.client.clientId, s.username, WRONG)),
    ]);
    assertLockedOut(t, started, 'five judged over both flows');
  });

  test(`an unknown user under PreventUserExistenceErrors locks the same way: exactly 5 of ${CONCURRENT} judged`, async () => {
    const s = await signInSetup(cluster().server, { client: { PreventUserExistenceErrors: 'ENABLED' } });
    const started = Date.now();
    const t = await tally(Array.from({ length: CONCURRENT }, (_, i) => passwordAuth(i, s.client.clientId, 'nobody-here', WRONG)));
    assertLockedOut(t, started, 'a phantom is counted like a user');
  });
});
