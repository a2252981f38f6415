// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
import { fail } from '../../errors.ts';
import { checkPasswordHistory, checkPasswordPolicy } from '../../domain/password.ts';
import { checkAttributes, missingRequired } from '../../domain/user.ts';
import { setPassword } from '../../users/passwords.ts';
import { saveUser } from '../../users/write-user.ts';
import { type NoState, noState } from '../../sessions/state.ts';
import type { Challenge } from '../types.ts';
import { RETRIES } from '../attempts.ts';

const PREFIX = 'userAttributes.';

/**
 * A user with a temporary password chooses a permanent one, and supplies the required
 * attributes that have no value yet. acij JSON.parses both `userAttributes` and
 * `requiredAttributes` unconditionally, so both are always present.
 */
export const NEW_PASSWORD_REQUIRED: Challenge<NoState> = {
  state: noState,
  attempts: RETRIES,
  async issue({ pool, user }) {
    const attributes = Object.fromEntries(Object.entries(user!.attributes).filter(([name]) => name !== 'sub'));
    return {
      parameters: {
        USER_ID_FOR_SRP: user!.username,
        requiredAttributes: JSON.stringify(missingRequired(pool, user!.attributes).map((n) => PREFIX + n)),
        userAttributes: JSON.stringify(attributes),
      },
      state: {},
    };
  },

  async answer(ctx, responses) {
    const { services, pool } = ctx;
    const user = ctx.user!;
    const password = responses.NEW_PASSWORD;
    // A refused answer consumes nothing: the user may try again with the same session.
    const refuse = (type: 'InvalidParameterException' | 'InvalidPasswordException', message: string) =>
      ({ kind: 'wrong', error: fail(type, message), retry: true }) as const;
    if (password === undefined) return refuse('InvalidParameterException', 'Missing required parameter NEW_PASSWORD');
    try {
      checkPasswordPolicy(pool, password, 'other');
      await checkPasswordHistory(services.modexp, pool, user, password);
    } catch (error) {
      return { kind: 'wrong', error: error as never, retry: true };
    }
    const given = Object.entries(responses)
      .filter(([key]) => key.startsWith(PREFIX))
      .map(([key, Value]) => ({ Name: key.slice(PREFIX.length), Value }));
    let attributes: Record<string, string>;
    try {
      attributes = checkAttributes(pool, given, 'update');
    } catch (error) {
      return { kind: 'wrong', error: error as never, retry: true };
    }
    const merged = { ...user.attributes, ...attributes };
    const missing = missingRequired(pool, merged);
    if (missing.length > 0) return refuse('InvalidParameterException', `Invalid attributes given, ${missing[0]} is missing`);
    user.attributes = merged;
    setPassword(services, pool, user, password);
    user.status = 'CONFIRMED';
    // Saved with the consumption of this session: of concurrent answers, only the winner's password is kept.
    return { kind: 'passed', stage: 'newPassword', commit: (stores) => saveUser({ ...services, stores }, pool, user) };
  },
};
