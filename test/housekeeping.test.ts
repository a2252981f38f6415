import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { runHousekeeping } from '../src/housekeeping.ts';
import { respond, signInSetup } from './support/auth.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';
import { srpClient } from './support/srp-client.ts';

// Housekeeping deletes spent single-use markers once they are past their expiry, and nothing
// they guard becomes usable again by it.

describeEachBackend('housekeeping', ({ server }) => {
  test('spent markers past their expiry are deleted; live ones stay', async () => {
    const s = server();
    const { usedTokens } = s.services.stores;
    const now = s.clock.now();
    assert.equal(await usedTokens.markUsed('test:expired', now - 1), true);
    assert.equal(await usedTokens.markUsed('test:live', now + 60_000), true);
    await runHousekeeping(s.services);
    assert.equal(await usedTokens.markUsed('test:expired', now + 60_000), true, 'the expired marker was deleted');
    assert.equal(await usedTokens.markUsed('test:live', now + 60_000), false, 'the live marker is still there');
  });

  test('an SRP proof replayed before or after housekeeping is refused', async () => {
    const s = server();
    const setup = await signInSetup(s);
    const c = srpClient(setup.poolId, setup.password);
    const challenge = await s.sdk.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: setup.client.clientId, AuthParameters: { USERNAME: setup.username, SRP_A: c.A } }),
    );
    const answer = c.answer(challenge.ChallengeParameters!, { now: s.clock.now() });
    assert.ok((await respond(s, setup, 'PASSWORD_VERIFIER', undefined, answer)).AuthenticationResult);
    // While the SECRET_BLOCK lives, housekeeping keeps its marker: the replay is caught by it.
    await runHousekeeping(s.services);
    await rejectsWith(
      respond(s, setup, 'PASSWORD_VERIFIER', undefined, answer),
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.',
    );
    // Past the SECRET_BLOCK's life (the client's AuthSessionValidity, 3 minutes here) the marker goes.
    s.clock.advance(4 * 60_000);
    try {
      await runHousekeeping(s.services);
      await rejectsWith(
        respond(s, setup, 'PASSWORD_VERIFIER', undefined, answer),
        'NotAuthorizedException',
        'Invalid session for the user, session is expired.',
      );
    } finally {
      s.clock.advance(-4 * 60_000);
    }
  });
});
