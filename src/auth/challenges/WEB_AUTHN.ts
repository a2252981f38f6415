// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passkey
// (auth-protocol.md §3.11, pool-model.md §5.4)
import { randomBytes } from 'node:crypto';
import { CognitoError, fail, messages } from '../../errors.ts';
import { authenticationOptions, relyingParty, type VerifiedAssertion, verifyAssertion } from '../../webauthn/webauthn.ts';
import { passkeyIsMultiFactor } from '../first-factors.ts';
import { requireParam } from '../params.ts';
import { passwordlessPassed } from '../passwordless.ts';
import type { AuthContext, Challenge, Outcome } from '../types.ts';

/**
 * Judges a passkey assertion against the options this session issued. Without issued options
 * (a CREDENTIAL sent straight with the SELECT_CHALLENGE answer) there is no challenge to be
 * fresh against, so it is refused.
 */
export async function verifyPasskey(ctx: AuthContext, credential: string, state: Record<string, unknown> | undefined): Promise<Outcome> {
  if (!state?.options) {
    return {
      kind: 'wrong',
      error: fail('WebAuthnChallengeNotFoundException', 'No passkey challenge was issued for this sign-in; answer WEB_AUTHN first.'),
      retry: true,
    };
  }
  if (!ctx.user) return { kind: 'wrong', error: fail('NotAuthorizedException', messages.incorrectCredentials), retry: false };
  let verified: VerifiedAssertion;
  try {
    verified = await verifyAssertion(ctx.services, ctx.pool, ctx.user, credential, state.options as never);
  } catch (error) {
    if (error instanceof CognitoError) return { kind: 'wrong', error, retry: false };
    throw error;
  }
  // A user-verifying passkey counts as multi-factor when the pool says so; in a pool that
  // requires MFA nothing less may sign in (passwordless first factors get no MFA step).
  const multiFactor = passkeyIsMultiFactor(ctx.pool) && verified.userVerified;
  if (ctx.pool.config.MfaConfiguration === 'ON' && !multiFactor) {
    return {
      kind: 'wrong',
      error: fail('NotAuthorizedException', messages.incorrectCredentials, 'passkey without user verification in an MFA pool'),
      retry: false,
    };
  }
  return passwordlessPassed(ctx, multiFactor ? 'mfa' : undefined);
}

/** A passkey as the first factor: CREDENTIAL_REQUEST_OPTIONS (a JSON string) out, a CREDENTIAL assertion back. */
export const WEB_AUTHN: Challenge = {
  async issue(ctx) {
    if (!ctx.user) {
      // A phantom gets options that look real and can never be answered.
      const rp = relyingParty(ctx.pool);
      const options = {
        challenge: randomBytes(16).toString('base64url'),
        timeout: 180000,
        rpId: rp.id,
        allowCredentials: [],
        userVerification: rp.userVerification,
      };
      return { parameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) }, state: { options: { challenge: options.challenge } } };
    }
    const { optionsJson, state } = await authenticationOptions(ctx.services, ctx.pool, ctx.user);
    return { parameters: { CREDENTIAL_REQUEST_OPTIONS: optionsJson }, state: { options: state } };
  },
  async answer(ctx, responses, state) {
    return verifyPasskey(ctx, requireParam(responses, 'CREDENTIAL'), state);
  },
};
