// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
import { fail, messages } from '../../errors.ts';
import { requireParam } from '../params.ts';
import { clientA } from '../srp-a.ts';
import { type NoState, noState } from '../../sessions/state.ts';
import type { Challenge } from '../types.ts';

/** The sign-in presented a confirmed device of the user: the client starts device SRP with a fresh SRP_A. */
export const DEVICE_SRP_AUTH: Challenge<NoState> = {
  state: noState,
  followsSpentSession: true,
  async issue(ctx) {
    return { parameters: { DEVICE_KEY: ctx.state.deviceKey! }, state: {} };
  },
  async answer(ctx, responses) {
    if (requireParam(responses, 'DEVICE_KEY') !== ctx.state.deviceKey) {
      return { kind: 'wrong', error: fail('NotAuthorizedException', messages.invalidSession), retry: false };
    }
    ctx.state.srpA = clientA(responses);
    return { kind: 'selected', next: 'DEVICE_PASSWORD_VERIFIER' };
  },
};
