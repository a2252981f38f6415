import { createHmac, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { CognitoError, fail, messages } from '../errors.ts';
import { sha256Hex } from '../crypto/seal.ts';
import type { AppClient } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { AuthSessionRecord, Stores } from '../storage/ports.ts';
import type { ChallengeName } from './names.ts';
import { parseState, type SessionState } from './state.ts';

/**
 * The auth session: server-side and single-use, so any process can continue any sign-in.
 * The Session string the client holds is 64 random bytes; only its SHA-256 is stored. Each step
 * that moves forward consumes it (compare-and-swap on a version) and hands out a new one.
 */

const MINUTE = 60_000;

/** AuthSessionValidity: 3 to 15 minutes, default 3. */
export function sessionLifetime(client: AppClient): number {
  const minutes = client.config.AuthSessionValidity ?? 3;
  return Math.min(15, Math.max(3, minutes)) * MINUTE;
}

export interface LoadedSession {
  record: AuthSessionRecord;
  state: SessionState;
}

/** Stores a new session for `state` and returns the string the client gets (random unless given). */
export async function openSession(services: Services, stores: Stores, client: AppClient, state: SessionState, given?: string): Promise<string> {
  const session = given ?? randomBytes(64).toString('base64url');
  const now = services.clock.now();
  await stores.authSessions.create({
    idHash: sha256Hex(session),
    poolId: client.poolId,
    clientId: client.clientId,
    username: state.username,
    state: JSON.stringify(state),
    expiresAt: now + sessionLifetime(client),
  });
  return session;
}

/**
 * Finds a live session for this client. Unknown or another client's → `Invalid session for the user.`;
 * expired → `…, session is expired.`; used → `…, session can only be used once.`
 */
export async function loadSession(services: Services, client: AppClient, session: string | undefined): Promise<LoadedSession> {
  if (session === undefined) throw fail('NotAuthorizedException', messages.invalidSession);
  return checkedSession(services, client, await services.stores.authSessions.get(sha256Hex(session)));
}

/** The rules of loadSession, for a record already read. */
function checkedSession(services: Services, client: AppClient | undefined, record: AuthSessionRecord | undefined): LoadedSession {
  if (!record || !client || record.clientId !== client.clientId) throw fail('NotAuthorizedException', messages.invalidSession);
  if (record.consumedAt !== undefined) throw fail('NotAuthorizedException', messages.sessionUsed);
  if (record.expiresAt <= services.clock.now()) throw fail('NotAuthorizedException', messages.sessionExpired);
  const state = parseState(record.state);
  if (!state) throw fail('NotAuthorizedException', messages.invalidSession, 'stored session state does not parse');
  return { record, state };
}

/** Uses the session up; a concurrent or replayed answer that lost the race gets `…can only be used once.` */
export async function consumeSession(services: Services, stores: Stores, loaded: LoadedSession): Promise<void> {
  const ok = await stores.authSessions.consume(loaded.record.idHash, loaded.record.version, services.clock.now());
  if (!ok) throw fail('NotAuthorizedException', messages.sessionUsed);
}

/**
 * Reserves one answer to the session before it is judged: of answers arriving at once, however
 * many processes serve them, no more than `limit` are ever judged; the others get
 * `…session can only be used once.` unjudged.
 */
export async function reserveAnswer(services: Services, loaded: LoadedSession, limit: number): Promise<void> {
  if (!(await services.stores.authSessions.reserveAttempt(loaded.record.idHash, limit, services.clock.now()))) {
    throw fail('NotAuthorizedException', messages.sessionUsed);
  }
}

/** Gives back a reserved answer that was not judged (it was malformed, or its judge failed). */
export async function releaseAnswer(services: Services, loaded: LoadedSession): Promise<void> {
  await services.stores.authSessions.releaseAttempt(loaded.record.idHash);
}

/**
 * Uses the session up unless another request did first: after a wrong answer that may not be
 * retried, or the last one allowed (a concurrent answer may have consumed it already).
 */
export async function retireSession(services: Services, loaded: LoadedSession): Promise<void> {
  await services.stores.authSessions.consume(loaded.record.idHash, loaded.record.version, services.clock.now());
}

/**
 * For the operations that continue a sign-in outside RespondToAuthChallenge
 * (AssociateSoftwareToken / VerifySoftwareToken with a Session during MFA_SETUP): checks the
 * session waits for `challenge`, reserves one of its `limit` attempts, lets `step` read and
 * change that challenge's private state (parsed with `schema`), then consumes the session —
 * together with what `step` returns to write — and resolves a new Session carrying the changed
 * state. A step that throws leaves the session for another attempt. These operations have no
 * ClientId: the session record names its client.
 */
export async function continueSession<S>(
  services: Services,
  session: string,
  challenge: ChallengeName,
  schema: z.ZodType<S>,
  limit: number,
  step: (challengeState: S, state: SessionState, clientId: string) => Promise<((stores: Stores) => Promise<void>) | undefined>,
): Promise<string> {
  const record = await services.stores.authSessions.get(sha256Hex(session));
  const client = record && (await services.stores.clients.get(record.clientId));
  const loaded = checkedSession(services, client, record);
  const pending = loaded.state.pending;
  if (!client || pending?.name !== challenge) throw fail('NotAuthorizedException', messages.invalidSession);
  const parsed = schema.safeParse(pending.state);
  if (!parsed.success) throw fail('NotAuthorizedException', messages.invalidSession, `${challenge} state does not parse`);
  await reserveAnswer(services, loaded, limit);
  const write = await step(parsed.data, loaded.state, client.clientId);
  pending.state = parsed.data;
  return services.stores.transaction(async (stores) => {
    await consumeSession(services, stores, loaded);
    await write?.(stores);
    return openSession(services, stores, client, loaded.state);
  });
}

/**
 * The session that follows the one stored under `idHash`, derived from it with a server key.
 * amazon-cognito-identity-js answers the DEVICE_SRP_AUTH that follows an MFA answer with the
 * MFA step's (spent) Session; deriving the successor lets that answer find the live session
 * while only the holder of the previous one can.
 */
export function successorSession(services: Services, idHash: string): string {
  return createHmac('sha256', services.sealer.derive('session-successor')).update(idHash).digest('base64url');
}

/** Loads `session`, or — when it was spent — the successor it was spent for. */
export async function loadSessionOrSuccessor(services: Services, client: AppClient, session: string | undefined): Promise<LoadedSession> {
  try {
    return await loadSession(services, client, session);
  } catch (error) {
    if (session === undefined || !(error instanceof CognitoError) || error.message !== messages.sessionUsed) throw error;
    return loadSession(services, client, successorSession(services, sha256Hex(session)));
  }
}
