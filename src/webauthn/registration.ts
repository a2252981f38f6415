// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html
import { createHash, randomBytes } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { decodeAttestationObject, isoBase64URL, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { fail } from '../errors.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { StoredWebAuthnCredential } from '../storage/ports.ts';
import { decodeClientData, MAX_CREDENTIALS_PER_USER, originAllowed, requirePasskeys, userHandleOf } from './webauthn.ts';

/**
 * Passkey registration: StartWebAuthnRegistration hands out creation options and keeps the
 * challenge (single use, bound to the app client of the access token); CompleteWebAuthnRegistration
 * checks the authenticator's answer against it and stores the credential.
 */

/** How long a started registration can be completed; also the `timeout` the browser is told [design]. */
const REGISTRATION_TTL_MS = 5 * 60_000;

/** ES256 and RS256, what platform authenticators and security keys produce. */
const SUPPORTED_ALGORITHMS = [-7, -257];

/** The `Credential` member of CompleteWebAuthnRegistration: a RegistrationResponseJSON. */
export interface RegistrationCredential {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    attestationObject: string;
    transports?: string[] | undefined;
    publicKeyAlgorithm?: number | undefined;
    publicKey?: string | undefined;
    authenticatorData?: string | undefined;
  };
  clientExtensionResults?: Record<string, unknown> | undefined;
  authenticatorAttachment?: 'platform' | 'cross-platform' | undefined;
}

const tooMany = () => fail('LimitExceededException', `A user can register at most ${MAX_CREDENTIALS_PER_USER} passkeys.`);
const challengeNotFound = () =>
  fail('WebAuthnChallengeNotFoundException', 'The passkey registration challenge was not found or has expired. Call StartWebAuthnRegistration again.');
const notSupported = (detail: string, message = 'The passkey credential is not supported.') => fail('WebAuthnCredentialNotSupportedException', message, detail);

/** The name the authenticator shows for the account: the sign-in identifier the user knows. */
function accountName(pool: UserPool, user: User): string {
  const byAttribute = pool.config.UsernameAttributes ?? [];
  if (byAttribute.includes('email') && user.attributes.email) return user.attributes.email;
  if (byAttribute.includes('phone_number') && user.attributes.phone_number) return user.attributes.phone_number;
  return user.username;
}

/**
 * StartWebAuthnRegistration: PublicKeyCredentialCreationOptionsJSON for the user (a JSON
 * document, not a string), with the user's passkeys excluded, and the pending challenge stored.
 */
export async function startRegistration(services: Services, pool: UserPool, client: AppClient, user: User): Promise<Record<string, unknown>> {
  const rp = requirePasskeys(pool);
  const store = services.stores.webauthn;
  const existing = await store.credentialsOf(pool.id, user.username);
  if (existing.length >= MAX_CREDENTIALS_PER_USER) throw tooMany();
  const name = accountName(pool, user);
  const options = await generateRegistrationOptions({
    rpName: pool.name,
    rpID: rp.id,
    userName: name,
    userDisplayName: user.attributes.name ?? name,
    userID: Buffer.from(userHandleOf(user), 'base64url'),
    challenge: randomBytes(32),
    timeout: REGISTRATION_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: rp.userVerification },
    extensions: { credProps: true },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  const now = services.clock.now();
  await store.purgeRegistrations(pool.id, user.username, now);
  await store.addRegistration({
    poolId: pool.id,
    username: user.username,
    challenge: options.challenge,
    clientId: client.clientId,
    createdAt: now,
    expiresAt: now + REGISTRATION_TTL_MS,
  });
  const { hints, ...rest } = options;
  return { ...rest, ...(hints && hints.length > 0 ? { hints } : {}) };
}

/**
 * CompleteWebAuthnRegistration: checks, in this order, the client data (readable, a
 * `webauthn.create`), the pending challenge (WebAuthnChallengeNotFoundException: none, expired or
 * used), the app client (WebAuthnClientMismatchException), the per-user limit, then uses the
 * challenge up and checks the origin (WebAuthnOriginNotAllowedException), the RP id the
 * authenticator bound the credential to (WebAuthnRelyingPartyMismatchException) and the
 * attestation itself (WebAuthnCredentialNotSupportedException), and stores the credential.
 */
export async function completeRegistration(
  services: Services,
  pool: UserPool,
  client: AppClient,
  user: User,
  credential: RegistrationCredential,
): Promise<StoredWebAuthnCredential> {
  const rp = requirePasskeys(pool);
  const store = services.stores.webauthn;
  const clientData = decodeClientData(credential.response.clientDataJSON);
  if (!clientData || typeof clientData.challenge !== 'string' || typeof clientData.origin !== 'string') {
    throw fail('InvalidParameterException', 'The credential clientDataJSON is not valid.');
  }
  if (clientData.type !== 'webauthn.create') {
    throw fail('InvalidParameterException', 'The credential is not a registration response (clientDataJSON.type must be webauthn.create).');
  }
  const { challenge, origin } = clientData;
  const now = services.clock.now();
  const pending = await store.getRegistration(pool.id, user.username, challenge);
  if (!pending || pending.expiresAt <= now) throw challengeNotFound();
  if (pending.clientId !== client.clientId) {
    throw fail('WebAuthnClientMismatchException', 'The passkey registration was started with an access token of another app client.');
  }
  if ((await store.countCredentials(pool.id, user.username)) >= MAX_CREDENTIALS_PER_USER) throw tooMany();
  // Used up before the remaining checks: a refused answer needs a new StartWebAuthnRegistration.
  if (!(await store.takeRegistration(pool.id, user.username, challenge))) throw challengeNotFound();

  if (!originAllowed(origin, rp.id)) {
    throw fail('WebAuthnOriginNotAllowedException', 'The origin of the passkey registration is not allowed for the relying party ID of the user pool.');
  }
  let rpIdHash: Uint8Array;
  try {
    const attestation = decodeAttestationObject(isoBase64URL.toBuffer(credential.response.attestationObject));
    rpIdHash = parseAuthenticatorData(attestation.get('authData')).rpIdHash;
  } catch (error) {
    throw notSupported(`unreadable attestation: ${(error as Error).message}`);
  }
  if (!Buffer.from(rpIdHash).equals(createHash('sha256').update(rp.id).digest())) {
    throw fail('WebAuthnRelyingPartyMismatchException', 'The passkey credential is bound to another relying party ID than the user pool.');
  }

  let info: NonNullable<Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo']>;
  try {
    const verified = await verifyRegistrationResponse({
      response: {
        id: credential.id,
        rawId: credential.rawId,
        type: 'public-key',
        response: {
          clientDataJSON: credential.response.clientDataJSON,
          attestationObject: credential.response.attestationObject,
          ...(credential.response.transports ? { transports: credential.response.transports as never } : {}),
        },
        clientExtensionResults: credential.clientExtensionResults ?? {},
        ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment } : {}),
      },
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rp.id,
      expectedType: 'webauthn.create',
      requireUserVerification: rp.userVerification === 'required',
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
    if (!verified.verified || !verified.registrationInfo) throw new Error('attestation does not verify');
    info = verified.registrationInfo;
  } catch (error) {
    throw notSupported((error as Error).message);
  }

  const credentialId = info.credential.id;
  const stored: StoredWebAuthnCredential = {
    poolId: pool.id,
    credentialId,
    username: user.username,
    publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
    signCount: info.credential.counter,
    transports: credential.response.transports ?? [],
    friendlyName: `Passkey ${credentialId.slice(0, 8)}`,
    authenticatorAttachment: credential.authenticatorAttachment,
    rpId: rp.id,
    createdAt: now,
    lastUsedAt: undefined,
  };
  if (!(await store.addCredential(stored))) throw notSupported('credential id taken', 'The passkey credential is already registered.');
  return stored;
}
