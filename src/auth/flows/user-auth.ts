// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
import { checkSecretHash } from '../../domain/secret-hash.ts';
import { userHasPasskey } from '../../webauthn/webauthn.ts';
import { chooseFactor } from '../choose-factor.ts';
import { availableFirstFactors } from '../first-factors.ts';
import { requireParam } from '../params.ts';
import { choice } from '../policies/choice.ts';
import { redeemSignUpSession } from '../../sessions/sign-up-session.ts';
import { markDone, newState } from '../../sessions/state.ts';
import { phantomId, resolveSubject } from '../subject.ts';
import { preAuthentication } from '../triggers.ts';
import type { Flow } from '../types.ts';

/**
 * USER_AUTH: a PREFERRED_CHALLENGE the user can use starts at once (with its PASSWORD or SRP_A
 * in the same call); otherwise the choice policy offers AvailableChallenges. Straight after
 * ConfirmSignUp, the confirmation was the first factor. After the first factor the standard
 * stages go on.
 */
export const USER_AUTH: Flow = {
  kind: 'user_auth',
  operations: 'both',
  notEnabled: 'USER_AUTH flow not enabled for this client',
  policy: choice,
  async start({ services, pool, client, admin, flow, params, clientMetadata, session }) {
    const typed = requireParam(params, 'USERNAME');
    const subject = await resolveSubject(services, pool, client, typed);
    checkSecretHash(client, params.SECRET_HASH, [typed, subject.name]);
    await preAuthentication(services, subject, clientMetadata);
    const phantom = subject.user === undefined;
    const available = await availableFirstFactors(pool, subject.user, (user) => userHasPasskey(services, pool, user));
    const state = newState(flow, phantom ? phantomId(services, pool, typed) : subject.name, {
      available,
      typed,
      ...(phantom ? { phantom } : {}),
      ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
    });
    const begin = { kind: 'sign-in', user: subject.user, state } as const;
    if (session !== undefined) {
      await redeemSignUpSession(services, client, session, subject.name, 'confirmed');
      state.authTime = services.clock.now();
      markDone(state, 'firstFactor');
      return { ...begin, first: { kind: 'decide' } };
    }
    const preferred = params.PREFERRED_CHALLENGE;
    if (preferred === undefined || !available.includes(preferred as never)) return { ...begin, first: { kind: 'decide' } };
    const outcome = await chooseFactor({ services, pool, client, user: subject.user, admin, state }, preferred, params);
    return { ...begin, first: { kind: 'answered', outcome } };
  },
};
