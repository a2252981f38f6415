// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passkey
import { randomBytes } from 'node:crypto';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { fail, messages, type CognitoError } from '../errors.ts';
import type { User, UserPool } from '../domain/types.ts';
import { z } from 'zod';
import type { Services } from '../services.ts';

/**
 * Passkeys (WebAuthn): the pool's relying party, which origins may speak for it, and the
 * assertion side of sign-in that the WEB_AUTHN challenge calls. Registration is in
 * registration.ts.
 */

/** The relying party a pool's passkeys are bound to (SetUserPoolMfaConfig.WebAuthnConfiguration). */
export interface RelyingParty {
  /** The RP id, lowercased: a domain such as `example.com`, or `localhost`. */
  id: string;
  userVerification: 'required' | 'preferred';
}

/**
 * What the engine keeps in its session between issuing CREDENTIAL_REQUEST_OPTIONS and
 * verifying the CREDENTIAL: the challenge handed out and when it was issued (epoch ms).
 */
export interface AssertionState {
  challenge: string;
  issuedAt: number;
}

/** What a verified assertion tells the engine (a user-verified passkey may count as MFA). */
export interface VerifiedAssertion {
  credentialId: string;
  userVerified: boolean;
}

/** The timeout the browser is told for a sign-in ceremony (what Cognito sends). */
const ASSERTION_TIMEOUT_MS = 180_000;
/**
 * How long a sign-in challenge can be answered at most: the longest a sign-in session lives
 * (AuthSessionValidity 15 minutes). The session's own, usually shorter, expiry applies first.
 */
const ASSERTION_CHALLENGE_TTL_MS = 15 * 60_000;
/** Most passkeys one user may register [design]: MaxResults of ListWebAuthnCredentials is 20 too. */
export const MAX_CREDENTIALS_PER_USER = 20;

const ERRORS = {
  configurationMissing: () => fail('WebAuthnConfigurationMissingException', 'The user pool has no WebAuthn relying party ID configured.'),
  notEnabled: () => fail('WebAuthnNotEnabledException', 'Passkey authentication is not enabled for the user pool.'),
};

/**
 * The pool's relying party, from WebAuthnConfiguration {RelyingPartyId, UserVerification}.
 * Without a RelyingPartyId: WebAuthnConfigurationMissingException (Cognito would fall back on
 * the pool's domain; cognate has no hosted domains). UserVerification defaults to `preferred`.
 */
export function relyingParty(pool: UserPool): RelyingParty {
  const config = pool.config.WebAuthnConfiguration as { RelyingPartyId?: string; UserVerification?: string } | undefined;
  const id = config?.RelyingPartyId?.trim().toLowerCase();
  if (!id) throw ERRORS.configurationMissing();
  return { id, userVerification: config?.UserVerification === 'required' ? 'required' : 'preferred' };
}

/** Whether WEB_AUTHN is one of the pool's AllowedFirstAuthFactors. */
function passkeysEnabled(pool: UserPool): boolean {
  return pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors?.includes('WEB_AUTHN') ?? false;
}

/**
 * The relying party for the passkey operations: WebAuthnNotEnabledException when WEB_AUTHN is not
 * an allowed first factor of the pool, then WebAuthnConfigurationMissingException when it has no
 * relying party ID.
 */
export function requirePasskeys(pool: UserPool): RelyingParty {
  if (!passkeysEnabled(pool)) throw ERRORS.notEnabled();
  return relyingParty(pool);
}

/**
 * Whether a WebAuthn client origin (clientDataJSON.origin) may act for `rpId`: an https origin
 * whose host is the RP id or a subdomain of it, or — for local development only — an http origin
 * on `localhost` or a `*.localhost` name (loopback, and a secure context in browsers: the pool's
 * local domain alias) when the RP id is that host or a parent of it under `localhost`. Anything that is not a bare serialised origin
 * (a path, credentials, a trailing slash) is refused.
 */
export function originAllowed(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const host = url.hostname;
  const rp = rpId.toLowerCase();
  if (url.protocol === 'https:') return host === rp || host.endsWith(`.${rp}`);
  if (url.protocol === 'http:') return (rp === 'localhost' || rp.endsWith('.localhost')) && (host === rp || host.endsWith(`.${rp}`));
  return false;
}

/** The WebAuthn user handle of a user: the bytes of its `sub` (opaque, stable, not the username). */
export function userHandleOf(user: Pick<User, 'sub'>): string {
  return Buffer.from(user.sub, 'utf8').toString('base64url');
}

/** Whether the user has a passkey usable with the pool's current relying party (for AvailableChallenges). */
export async function userHasPasskey(services: Services, pool: UserPool, user: User): Promise<boolean> {
  const config = pool.config.WebAuthnConfiguration as { RelyingPartyId?: string } | undefined;
  const rpId = config?.RelyingPartyId?.trim().toLowerCase();
  if (!rpId) return false;
  const credentials = await services.stores.webauthn.credentialsOf(pool.id, user.username);
  return credentials.some((c) => c.rpId === rpId);
}

/**
 * The WEB_AUTHN challenge parameters: `optionsJson` is CREDENTIAL_REQUEST_OPTIONS, a JSON string
 * of PublicKeyCredentialRequestOptionsJSON listing the user's passkeys for the pool's relying
 * party; `state` goes into the sign-in session for {@link verifyAssertion}.
 * Throws WebAuthnConfigurationMissingException when the pool has no relying party ID.
 */
export async function authenticationOptions(services: Services, pool: UserPool, user: User): Promise<{ optionsJson: string; state: AssertionState }> {
  const rp = relyingParty(pool);
  const credentials = (await services.stores.webauthn.credentialsOf(pool.id, user.username)).filter((c) => c.rpId === rp.id);
  const challenge = randomBytes(16).toString('base64url');
  const options = {
    challenge,
    rpId: rp.id,
    timeout: ASSERTION_TIMEOUT_MS,
    allowCredentials: credentials.map((c) => ({
      type: 'public-key',
      id: c.credentialId,
      ...(c.transports.length > 0 ? { transports: c.transports } : {}),
    })),
    userVerification: rp.userVerification,
  };
  return { optionsJson: JSON.stringify(options), state: { challenge, issuedAt: services.clock.now() } };
}

const base64url = () =>
  z
    .string()
    .min(1)
    .max(65536)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/);

const assertionShape = z.object({
  id: base64url(),
  rawId: base64url(),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(),
    authenticatorData: base64url(),
    signature: base64url(),
    userHandle: z.string().max(1024).optional().nullable(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
  authenticatorAttachment: z.string().max(64).optional().nullable(),
});

/** A refused assertion: always the same public answer, the reason only in the private detail. */
const refused = (reason: string): CognitoError => fail('NotAuthorizedException', messages.incorrectCredentials, `passkey refused: ${reason}`);

/** Decodes a base64url clientDataJSON; undefined when it is not a JSON object. */
export function decodeClientData(encoded: string): { type?: unknown; challenge?: unknown; origin?: unknown } | undefined {
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies the CREDENTIAL answer of a WEB_AUTHN challenge (a JSON string of
 * AuthenticationResponseJSON) against `state` — the {@link AssertionState} that
 * {@link authenticationOptions} returned, as kept in the session (checked for shape here) — for
 * `user`. On success the credential's signature counter and last-used time are updated and
 * the challenge is used up.
 *
 * Throws InvalidParameterException when `credentialJson` is not an authentication response at
 * all, and NotAuthorizedException `Incorrect username or password.` (the reason in the error's
 * private detail) for: no challenge issued or an expired one, an unknown credential or another
 * user's, a user handle of another user, a wrong client data type, challenge, origin or RP id, a
 * bad signature, missing user presence (or verification when the pool requires it), a counter
 * that did not move forward, and a challenge already answered (replay).
 */
export async function verifyAssertion(services: Services, pool: UserPool, user: User, credentialJson: string, state: unknown): Promise<VerifiedAssertion> {
  const rp = relyingParty(pool);
  let parsed: z.output<typeof assertionShape>;
  try {
    parsed = assertionShape.parse(JSON.parse(credentialJson));
  } catch {
    throw fail('InvalidParameterException', 'CREDENTIAL is not a valid WebAuthn authentication response.');
  }
  // The state comes back from the session's JSON: trusted, but checked for shape all the same.
  const { challenge, issuedAt } = (state ?? {}) as Partial<AssertionState>;
  if (typeof challenge !== 'string' || typeof issuedAt !== 'number') throw refused('no challenge was issued');
  const now = services.clock.now();
  if (now > issuedAt + ASSERTION_CHALLENGE_TTL_MS) throw refused('challenge expired');

  const stored = await services.stores.webauthn.getCredential(pool.id, parsed.id);
  if (!stored || stored.username !== user.username) throw refused('unknown credential');
  if (stored.rpId !== rp.id) throw refused('credential bound to another relying party');
  if (parsed.response.userHandle && parsed.response.userHandle !== userHandleOf(user)) throw refused('user handle of another user');

  const clientData = decodeClientData(parsed.response.clientDataJSON);
  if (!clientData || typeof clientData.origin !== 'string') throw refused('unreadable client data');
  // The origin is judged here (any subdomain of the RP id), then named to the verifier as the one expected.
  if (!originAllowed(clientData.origin, rp.id)) throw refused('origin not allowed');

  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response: {
        id: parsed.id,
        rawId: parsed.rawId,
        type: 'public-key',
        response: {
          clientDataJSON: parsed.response.clientDataJSON,
          authenticatorData: parsed.response.authenticatorData,
          signature: parsed.response.signature,
          ...(parsed.response.userHandle ? { userHandle: parsed.response.userHandle } : {}),
        },
        clientExtensionResults: parsed.clientExtensionResults ?? {},
      },
      expectedChallenge: challenge,
      expectedOrigin: clientData.origin,
      expectedRPID: rp.id,
      expectedType: 'webauthn.get',
      credential: {
        id: stored.credentialId,
        publicKey: isoBase64URL.toBuffer(stored.publicKey),
        counter: stored.signCount,
        transports: stored.transports as never,
      },
      requireUserVerification: rp.userVerification === 'required',
    });
  } catch (error) {
    throw refused((error as Error).message);
  }
  if (!verified.verified) throw refused('signature does not verify');

  // Single use across processes: the first to mark the challenge wins, whatever the counter says
  // (synced passkeys keep their counter at 0).
  const fresh = await services.stores.usedTokens.markUsed(`webauthn:${pool.id}:${challenge}`, issuedAt + ASSERTION_CHALLENGE_TTL_MS);
  if (!fresh) throw refused('challenge already answered');
  const recorded = await services.stores.webauthn.recordUse(pool.id, stored.credentialId, stored.signCount, verified.authenticationInfo.newCounter, now);
  if (!recorded) throw refused('credential used concurrently');
  return { credentialId: stored.credentialId, userVerified: verified.authenticationInfo.userVerified };
}
