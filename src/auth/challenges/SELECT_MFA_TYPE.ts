// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
// (auth-protocol.md §3.7)
import { fail } from '../../errors.ts';
import type { MfaFactor } from '../../domain/mfa.ts';
import type { Challenge } from '../types.ts';

/** The user has several MFA factors and no preferred one: they choose, then get that challenge. */
export const SELECT_MFA_TYPE: Challenge = {
  async issue(ctx) {
    const choices = ctx.state.mfaChoices ?? [];
    return { parameters: { MFAS_CAN_CHOOSE: JSON.stringify(choices) }, state: { choices } };
  },
  async answer(_ctx, responses, state) {
    const choices = (state.choices as MfaFactor[]) ?? [];
    const answer = responses.ANSWER as MfaFactor | undefined;
    if (!answer || !choices.includes(answer)) {
      return { kind: 'wrong', error: fail('InvalidParameterException', `ANSWER must be one of ${choices.join(', ')}.`), retry: true };
    }
    return { kind: 'selected', next: answer };
  },
};
