// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passkey
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { authenticationOptions, relyingParty } from '../../webauthn/webauthn.ts';
import { requireParam } from '../params.ts';
import { verifyPasskey } from '../passkey.ts';
import type { Challenge } from '../types.ts';
import { RETRIES } from '../attempts.ts';

/** The authentication options issued (what the assertion must answer: its challenge, credentials, relying party). */
const stateSchema = z.object({ options: z.unknown() });

/** A passkey as the first factor: CREDENTIAL_REQUEST_OPTIONS (a JSON string) out, a CREDENTIAL assertion back. */
export const WEB_AUTHN: Challenge<z.output<typeof stateSchema>> = {
  state: stateSchema,
  attempts: RETRIES,
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
    return verifyPasskey(ctx, requireParam(responses, 'CREDENTIAL'), state.options);
  },
};
