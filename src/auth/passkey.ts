import { CognitoError, fail, messages } from '../errors.ts';
import { type VerifiedAssertion, verifyAssertion } from '../webauthn/webauthn.ts';
import { passkeyIsMultiFactor } from './first-factors.ts';
import { passwordlessPassed } from './passwordless.ts';
import type { AuthContext, Outcome } from './types.ts';

/**
 * Judges a passkey assertion against the options this session issued (`options`, the WEB_AUTHN
 * challenge's state). Without issued options (a CREDENTIAL sent straight with the
 * SELECT_CHALLENGE answer) there is no challenge to be fresh against, so it is refused.
 */
export async function verifyPasskey(ctx: AuthContext, credential: string, options: unknown): Promise<Outcome> {
  if (options === undefined) {
    return {
      kind: 'wrong',
      error: fail('WebAuthnChallengeNotFoundException', 'No passkey challenge was issued for this sign-in; answer WEB_AUTHN first.'),
      retry: true,
    };
  }
  if (!ctx.user) return { kind: 'wrong', error: fail('NotAuthorizedException', messages.incorrectCredentials), retry: false };
  let verified: VerifiedAssertion;
  try {
    verified = await verifyAssertion(ctx.services, ctx.pool, ctx.user, credential, options);
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
