// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
import type { Policy } from '../types.ts';
import { standard } from './standard.ts';

/**
 * The choice policy (USER_AUTH): until a first factor is done the user chooses one among those
 * the pool allows and they have (SELECT_CHALLENGE, its AvailableChallenges computed when the
 * sign-in began); after it, the standard stages go on.
 */
export const choice: Policy = {
  name: 'choice',
  async decide(ctx) {
    if (!ctx.state.done.includes('firstFactor')) return { kind: 'challenge', name: 'SELECT_CHALLENGE', why: { available: ctx.state.available ?? [] } };
    return standard.decide(ctx);
  },
};
