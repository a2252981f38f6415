// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
// (auth-protocol.md §5.5)
import { fail, messages } from '../../errors.ts';
import { clientA } from '../flows/srp.ts';
import { requireParam } from '../params.ts';
import type { Challenge } from '../types.ts';

/** The sign-in presented a confirmed device of the user: the client starts device SRP with a fresh SRP_A. */
export const DEVICE_SRP_AUTH: Challenge = {
  async issue(ctx) {
    return { parameters: { DEVICE_KEY: ctx.state.deviceKey! } };
  },
  async answer(ctx, responses) {
    if (requireParam(responses, 'DEVICE_KEY') !== ctx.state.deviceKey) {
      return { kind: 'wrong', error: fail('NotAuthorizedException', messages.invalidSession), retry: false };
    }
    ctx.state.srpA = clientA(responses);
    return { kind: 'selected', next: 'DEVICE_PASSWORD_VERIFIER' };
  },
};
