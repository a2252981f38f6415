// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
// (auth-protocol.md §2.9, pool-model.md §5.2)
import { checkSecretHash } from '../../crypto/secret-hash.ts';
import { userHasPasskey } from '../../webauthn/webauthn.ts';
import { chooseFactor } from '../challenges/SELECT_CHALLENGE.ts';
import { advance, issueChallenge, markDone, newState } from '../engine.ts';
import { availableFirstFactors } from '../first-factors.ts';
import { requireParam } from '../params.ts';
import { redeemSignUpSession } from '../sign-up-session.ts';
import { resolveSubject } from '../subject.ts';
import { preAuthentication } from '../triggers.ts';
import type { AuthContext } from '../types.ts';
import type { Flow } from './flow.ts';
import { phantomId } from './srp.ts';

/**
 * USER_AUTH: a PREFERRED_CHALLENGE the user can use starts at once (with its PASSWORD or SRP_A
 * in the same call); otherwise SELECT_CHALLENGE offers AvailableChallenges. After the first
 * factor the standard stages go on.
 */
export const USER_AUTH: Flow = {
  kind: 'user_auth',
  operations: 'both',
  notEnabled: 'USER_AUTH flow not enabled for this client',
  async start({ services, pool, client, admin, flow, params, clientMetadata, session }) {
    const typed = requireParam(params, 'USERNAME');
    const subject = await resolveSubject(services, pool, client, typed);
    checkSecretHash(client, params.SECRET_HASH, [typed, subject.name]);
    await preAuthentication(services, subject, clientMetadata);
    const phantom = subject.user === undefined;
    const available = await availableFirstFactors(pool, subject.user, (user) => userHasPasskey(services, pool, user));
    const state = newState(flow, phantom ? phantomId(services, pool, typed) : subject.name, {
      available,
      ...(phantom ? { phantom, typed } : {}),
      ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
    });
    const ctx: AuthContext = { services, pool, client, user: subject.user, admin, state };
    if (session !== undefined) {
      // Straight after ConfirmSignUp: the confirmation code was the first factor.
      await redeemSignUpSession(services, client, session, subject.name, 'confirmed');
      state.authTime = services.clock.now();
      markDone(state, 'firstFactor');
      return advance(ctx);
    }
    const preferred = params.PREFERRED_CHALLENGE;
    if (preferred === undefined || !available.includes(preferred as never)) return issueChallenge(ctx, 'SELECT_CHALLENGE');
    const outcome = await chooseFactor(ctx, preferred, params);
    switch (outcome.kind) {
      case 'wrong':
        throw outcome.error;
      case 'selected':
        return issueChallenge(ctx, outcome.next);
      case 'passed':
        if (outcome.stage) markDone(state, outcome.stage);
        return advance(ctx);
      case 'recorded':
        return advance(ctx);
    }
  },
};
