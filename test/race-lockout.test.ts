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
    const t = await tally(Array.from({ length: CONCURRENT }, (_, i) => passwordAuth(i, s.client.clientId, s.username, WRONG)));
    assertTally(t, { ok: 0, errors: { [incorrect]: 5, [locked]: CONCURRENT - 5 } }, 'five judged, the rest refused');
    const after = await tally([passwordAuth(0, s.client.clientId, s.username, PASSWORD)]);
    assertTally(after, { ok: 0, errors: { [locked]: 1 } }, 'the right password is refused while locked');
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
    const t = await tally(
      started.map((responses, i) =>
        cluster()
          .sdkFor(i + 1)
          .send(new RespondToAuthChallengeCommand({ ClientId: s.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: responses })),
      ),
    );
    assertTally(t, { ok: 0, errors: { [incorrect]: 5, [locked]: CONCURRENT - 5 } }, 'five proofs judged, the rest refused');
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
    const t = await tally([
      ...proofs.map((responses, i) =>
        cluster()
          .sdkFor(i)
          .send(new RespondToAuthChallengeCommand({ ClientId: s.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: responses })),
      ),
      ...Array.from({ length: CONCURRENT / 2 }, (_, i) => passwordAuth(i + 1, s.client.clientId, s.username, WRONG)),
    ]);
    assertTally(t, { ok: 0, errors: { [incorrect]: 5, [locked]: CONCURRENT - 5 } }, 'five judged over both flows');
  });

  test(`an unknown user under PreventUserExistenceErrors locks the same way: exactly 5 of ${CONCURRENT} judged`, async () => {
    const s = await signInSetup(cluster().server, { client: { PreventUserExistenceErrors: 'ENABLED' } });
    const t = await tally(Array.from({ length: CONCURRENT }, (_, i) => passwordAuth(i, s.client.clientId, 'nobody-here', WRONG)));
    assertTally(t, { ok: 0, errors: { [incorrect]: 5, [locked]: CONCURRENT - 5 } }, 'a phantom is counted like a user');
  });
});
