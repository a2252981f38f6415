// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
import { z } from 'zod';
import { askableMfaFactors, type MfaFactor, mfaFactors } from '../../domain/mfa.ts';
import { fail } from '../../errors.ts';
import type { Challenge } from '../types.ts';
import { RETRIES } from '../attempts.ts';

const stateSchema = z.object({ choices: z.array(z.enum(mfaFactors)) });

/** The user has several MFA factors and no preferred one: they choose, then get that challenge. */
export const SELECT_MFA_TYPE: Challenge<z.output<typeof stateSchema>> = {
  state: stateSchema,
  attempts: RETRIES,
  async issue(ctx) {
    const choices = ctx.user ? askableMfaFactors(ctx.pool, ctx.user).available : [];
    return { parameters: { MFAS_CAN_CHOOSE: JSON.stringify(choices) }, state: { choices } };
  },
  async answer(_ctx, responses, state) {
    const answer = responses.ANSWER as MfaFactor | undefined;
    if (!answer || !state.choices.includes(answer)) {
      return { kind: 'wrong', error: fail('InvalidParameterException', `ANSWER must be one of ${state.choices.join(', ')}.`), retry: true };
    }
    return { kind: 'selected', next: answer };
  },
};
