// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
import { fail, messages } from '../errors.ts';
import type { AppClient } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { newState } from './state.ts';
import { consumeSession, loadSession, openSession } from './session.ts';

/**
 * The Session that chains sign-up into sign-in: SignUp hands one out, ConfirmSignUp trades it
 * (with the right code) for a confirmed one, and InitiateAuth USER_AUTH with that one counts the
 * confirmation as the first factor — once, within the client's session lifetime.
 */
export type SignUpStage = 'signed-up' | 'confirmed';

export function openSignUpSession(services: Services, client: AppClient, username: string, stage: SignUpStage): Promise<string> {
  return openSession(services, services.stores, client, newState('USER_AUTH', username, { signUp: stage }));
}

/** Consumes a sign-up session of `username` at `stage`; `Invalid session for the user.` otherwise. */
export async function redeemSignUpSession(services: Services, client: AppClient, session: string, username: string, stage: SignUpStage): Promise<void> {
  const loaded = await loadSession(services, client, session);
  if (loaded.state.signUp !== stage || loaded.state.username !== username) throw fail('NotAuthorizedException', messages.invalidSession);
  await consumeSession(services, services.stores, loaded);
}
