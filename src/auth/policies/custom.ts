// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-define-auth-challenge.html
import { fail, messages } from '../../errors.ts';
import { hidesUserExistence } from '../../domain/client.ts';
import { defineAuthChallengeEvent } from '../../triggers/DefineAuthChallenge.ts';
import { eventAttributes, metadataOf, type ChallengeResult } from '../../triggers/event.ts';
import { hasTrigger, invokeTrigger } from '../../triggers/invoker.ts';
import { origin } from '../triggers.ts';
import { markDone } from '../../sessions/state.ts';
import type { Policy } from '../types.ts';
import { standard } from './standard.ts';

/**
 * The custom policy (CUSTOM_AUTH): DefineAuthChallenge decides, from the session's history,
 * whether to ask a CUSTOM_CHALLENGE (or the built-in PASSWORD_VERIFIER after SRP_A), to fail, or
 * to issue tokens — the custom part is then done and the standard stages (new password, MFA,
 * devices) go on.
 */
export const custom: Policy = {
  name: 'custom',
  async decide(ctx) {
    const { services, pool, client, user, state } = ctx;
    if (state.customDone) return standard.decide(ctx);
    if (!hasTrigger(pool, 'DefineAuthChallenge')) {
      throw fail('InvalidUserPoolConfigurationException', 'DefineAuthChallenge trigger is not configured for the user pool.');
    }
    const response = await invokeTrigger(
      services,
      pool,
      'DefineAuthChallenge',
      defineAuthChallengeEvent(origin(ctx), {
        userAttributes: user ? eventAttributes(pool, user) : {},
        session: state.history as ChallengeResult[],
        clientMetadata: metadataOf(state.clientMetadata),
        ...(hidesUserExistence(client) ? { userNotFound: user === undefined } : {}),
      }),
    );
    if (response.failAuthentication) return { kind: 'fail', error: fail('NotAuthorizedException', messages.incorrectCredentials) };
    if (response.issueTokens) {
      state.customDone = true;
      state.authTime ??= services.clock.now();
      markDone(state, 'firstFactor');
      return standard.decide(ctx);
    }
    if (response.challengeName === 'CUSTOM_CHALLENGE') return { kind: 'challenge', name: 'CUSTOM_CHALLENGE' };
    if (response.challengeName === 'PASSWORD_VERIFIER' && state.srpA !== undefined) return { kind: 'challenge', name: 'PASSWORD_VERIFIER' };
    throw fail(
      'InvalidLambdaResponseException',
      'Unrecognizable lambda output',
      `DefineAuthChallenge answered challengeName ${String(response.challengeName)}`,
    );
  },
};
