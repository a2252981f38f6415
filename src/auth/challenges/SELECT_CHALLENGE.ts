// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
import { fail } from '../../errors.ts';
import { chooseFactor } from '../choose-factor.ts';
import { requireParam } from '../params.ts';
import { type NoState, noState } from '../../sessions/state.ts';
import type { Challenge } from '../types.ts';
import { RETRIES } from '../attempts.ts';

/** The user chooses a first factor among AvailableChallenges (a top-level response member). */
export const SELECT_CHALLENGE: Challenge<NoState> = {
  state: noState,
  attempts: RETRIES,
  ownParameters: true,
  async issue(ctx) {
    return { parameters: {}, state: {}, available: ctx.state.available ?? [] };
  },
  async answer(ctx, responses) {
    const answer = requireParam(responses, 'ANSWER');
    if (!(ctx.state.available ?? []).includes(answer)) {
      return {
        kind: 'wrong',
        error: fail('InvalidParameterException', `The challenge ${answer} is not available; choose one of ${(ctx.state.available ?? []).join(', ')}.`),
        retry: true,
      };
    }
    return chooseFactor(ctx, answer, responses);
  },
};
