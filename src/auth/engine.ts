import { clientNotFound, fail, messages } from '../errors.ts';
import { checkSecretHash } from '../crypto/secret-hash.ts';
import { customAuthOnly, flowAllowed } from '../domain/client.ts';
import type { Device } from '../domain/device.ts';
import { type MfaFactor, poolMfaFactors, userMfaFactors } from '../domain/mfa.ts';
import { deviceTrackingOn } from '../domain/pool.ts';
import type { User, UserPool } from '../domain/types.ts';
import { findDevice, newDeviceMetadata } from '../devices/devices.ts';
import { findUser } from '../users/find-user.ts';
import type { Services } from '../services.ts';
import { issueTokens } from '../tokens/issue.ts';
import { challenges } from './challenges/index.ts';
import { flows } from './flows/index.ts';
import { requireParam } from './params.ts';
import { decideCustom } from './policies/custom.ts';
import { decideStandard, type StandardFacts } from './policies/standard.ts';
import { postAuthentication, preTokenGeneration, tokenSource } from './triggers.ts';
import { consumeSession, type LoadedSession, loadSession, loadSessionOrSuccessor, openSession, rewriteSession, successorSession } from './session.ts';
import type { AuthContext, AuthFlow, AuthResponse, ChallengeName, SessionState, Stage } from './types.ts';

/**
 * The engine loop: the only place that sequences a sign-in. It checks the client allows the flow,
 * loads and checks the session, calls the challenge, records the result in the session history,
 * asks the policy, and issues the next challenge or the tokens.
 */

/** Wrong answers a retryable challenge (MFA codes, new password) takes before its session dies. */
export const MAX_WRONG_ANSWERS = 5;

export interface InitiateRequest {
  admin: boolean;
  /** AdminInitiateAuth's UserPoolId: the client must belong to it. */
  poolId?: string;
  clientId: string;
  flow: AuthFlow;
  params: Record<string, string>;
  clientMetadata?: Record<string, string>;
  session?: string;
}

export interface RespondRequest {
  admin: boolean;
  poolId?: string;
  clientId: string;
  challengeName: ChallengeName;
  responses: Record<string, string>;
  session?: string;
  clientMetadata?: Record<string, string>;
}

/** The app client and its pool, in one read; an admin call's client must belong to its pool. */
async function clientAndPool(services: Services, clientId: string, poolId: string | undefined) {
  const found = await services.stores.clients.getWithPool(clientId);
  if (!found || (poolId !== undefined && found.client.poolId !== poolId)) throw clientNotFound(clientId);
  return found;
}

export async function initiate(services: Services, req: InitiateRequest): Promise<AuthResponse> {
  const { client, pool } = await clientAndPool(services, req.clientId, req.poolId);
  const flow = flows[req.flow];
  if (!flow || (flow.operations === 'admin' && !req.admin) || (flow.operations === 'public' && req.admin)) {
    throw fail('InvalidParameterException', 'Initiate Auth method not supported.');
  }
  if (!flowAllowed(client, flow.kind)) {
    if (customAuthOnly(client)) throw fail('InvalidParameterException', 'Only custom auth (lambda driven) is enabled for this client.');
    throw fail('InvalidParameterException', flow.notEnabled);
  }
  return flow.start({ services, pool, client, admin: req.admin, flow: req.flow, params: req.params, clientMetadata: req.clientMetadata, session: req.session });
}

/** A new sign-in's state once its first factor is known. */
export function newState(flow: AuthFlow, username: string, extra: Partial<SessionState> = {}): SessionState {
  return { flow, username, done: [], history: [], pending: { name: 'NEW_PASSWORD_REQUIRED', state: {}, wrongAnswers: 0 }, ...extra };
}

/**
 * After a step succeeded: asks the policy and issues the next challenge (in a new session) or
 * the tokens. `previous`, when given, is consumed first: whoever consumes it owns the next step.
 */
export async function advance(ctx: AuthContext, previous?: LoadedSession): Promise<AuthResponse> {
  const { services, state } = ctx;
  if (state.flow === 'CUSTOM_AUTH' && !state.customDone) {
    const custom = await decideCustom(ctx);
    if (custom !== 'issueTokens') {
      if (custom.kind === 'tokens') throw fail('InternalErrorException', 'An internal error occurred.', 'custom policy decided tokens');
      if (custom.kind === 'fail') {
        if (previous) await consumeSession(services, services.stores, previous);
        throw custom.error;
      }
      return issueChallenge(ctx, custom.name, previous);
    }
    state.customDone = true;
    state.authTime ??= services.clock.now();
    markDone(state, 'firstFactor');
  }
  const facts = await standardFacts(ctx);
  const decision = decideStandard(facts);
  if (decision.kind === 'fail') {
    if (previous) await consumeSession(services, services.stores, previous);
    throw decision.error;
  }
  if (decision.kind === 'tokens') {
    if (previous) await consumeSession(services, services.stores, previous);
    return finish(ctx);
  }
  if (decision.name === 'SELECT_MFA_TYPE') state.mfaChoices = [...facts.mfaAvailable];
  return issueChallenge(ctx, decision.name, previous);
}

/** Issues `name`: its parameters to the client, its private state into a new session. */
export async function issueChallenge(ctx: AuthContext, name: ChallengeName, previous?: LoadedSession): Promise<AuthResponse> {
  const { services, client } = ctx;
  const challenge = challenges[name];
  if (!challenge) throw fail('InternalErrorException', 'An internal error occurred.', `no handler for challenge ${name}`);
  const issued = await challenge.issue(ctx);
  ctx.state.pending = { name, state: issued.state ?? {}, wrongAnswers: 0 };
  // USER_ID_FOR_SRP (the internal username) rides along as real Cognito sends it, except where the
  // parameters are the app's own (CUSTOM_CHALLENGE) or the choice list (SELECT_CHALLENGE).
  const plain = name === 'CUSTOM_CHALLENGE' || name === 'SELECT_CHALLENGE';
  const parameters = { USERNAME: ctx.state.username, ...(plain ? {} : { USER_ID_FOR_SRP: ctx.state.username }), ...issued.parameters };
  const available = issued.available ? { AvailableChallenges: issued.available } : {};
  if (challenge.restore) {
    // Its state travels in its parameters (SECRET_BLOCK): no Session, as real Cognito does.
    if (previous) await consumeSession(services, services.stores, previous);
    return { ChallengeName: name, ChallengeParameters: parameters, ...available };
  }
  const session = await services.stores.transaction(async (stores) => {
    if (previous) await consumeSession(services, stores, previous);
    const successor = name === 'DEVICE_SRP_AUTH' && previous ? successorSession(services, previous.record.idHash) : undefined;
    return openSession(services, stores, client, ctx.state, successor);
  });
  return { ChallengeName: name, Session: session, ChallengeParameters: parameters, ...available };
}

export async function respond(services: Services, req: RespondRequest): Promise<AuthResponse> {
  const { client, pool } = await clientAndPool(services, req.clientId, req.poolId);
  const challenge = challenges[req.challengeName];
  if (!challenge) throw fail('InvalidParameterException', `Challenge ${req.challengeName} is not supported.`);
  // A stateless challenge rebuilds its state from the answer; every other one needs its Session.
  const loaded = challenge.restore
    ? undefined
    : req.challengeName === 'DEVICE_SRP_AUTH'
      ? await loadSessionOrSuccessor(services, client, req.session)
      : await loadSession(services, client, req.session);
  const state = loaded ? loaded.state : await challenge.restore!(services, client, req.responses);
  if (state.pending.name !== req.challengeName) {
    throw fail('InvalidParameterException', `The challenge ${req.challengeName} does not match the challenge of this session.`);
  }
  const typed = requireParam(req.responses, 'USERNAME');
  const user = await sameUser(services, pool, state, typed);
  checkSecretHash(client, req.responses.SECRET_HASH, [typed, state.username]);
  if (user && !user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
  // ClientMetadata belongs to the call that sends it: this answer's triggers see this answer's map.
  if (req.clientMetadata) state.clientMetadata = req.clientMetadata;
  else delete state.clientMetadata;
  // Clients add DEVICE_KEY to any challenge response once they hold one.
  if (req.responses.DEVICE_KEY && !state.deviceKey) state.deviceKey = req.responses.DEVICE_KEY;

  const ctx: AuthContext = { services, pool, client, user, admin: req.admin, state };
  const outcome = await challenge.answer(ctx, req.responses, state.pending.state);
  switch (outcome.kind) {
    case 'wrong': {
      state.pending.wrongAnswers += 1;
      if (loaded) {
        if (!outcome.retry || state.pending.wrongAnswers >= MAX_WRONG_ANSWERS) await consumeSession(services, services.stores, loaded);
        else await rewriteSession(services, loaded, state);
      }
      throw outcome.error;
    }
    case 'selected':
      state.history.push({ challengeName: req.challengeName, challengeResult: true });
      return issueChallenge(ctx, outcome.next, loaded);
    case 'passed':
      state.history.push({ challengeName: req.challengeName, challengeResult: true });
      if (outcome.stage) markDone(state, outcome.stage);
      return advance(ctx, loaded);
    case 'recorded':
      state.history.push({
        challengeName: req.challengeName,
        challengeResult: outcome.result,
        ...(outcome.metadata !== undefined ? { challengeMetadata: outcome.metadata } : {}),
      });
      return advance(ctx, loaded);
  }
}

export function markDone(state: SessionState, stage: Stage | Stage[]): void {
  for (const s of Array.isArray(stage) ? stage : [stage]) if (!state.done.includes(s)) state.done.push(s);
}

/** The facts the standard policy decides on, read from the pool, the user and the session. */
async function standardFacts(ctx: AuthContext): Promise<StandardFacts> {
  const { services, pool, user, state } = ctx;
  let device: Device | undefined;
  if (user && state.deviceKey && deviceTrackingOn(pool)) {
    device = await findDevice(services, pool, user.username, state.deviceKey);
    // An unknown key presented at InitiateAuth is simply not used: the sign-in gets a new device.
    if (!device) delete state.deviceKey;
  }
  const mfa = user ? mfaFactsOf(pool, user) : { available: [], preferred: undefined };
  return {
    userStatus: user?.status ?? 'CONFIRMED',
    phantom: user === undefined,
    done: state.done,
    passwordFactor: state.firstFactor !== 'passwordless',
    mfaConfiguration: pool.config.MfaConfiguration ?? 'OFF',
    mfaAvailable: mfa.available,
    mfaPreferred: mfa.preferred,
    knownDevice: device !== undefined,
    deviceStandsInForMfa: device?.status === 'remembered' && pool.config.DeviceConfiguration?.ChallengeRequiredOnNewDevice === true,
  };
}

/**
 * The MFA factors a user can be asked for: those they turned on that the pool offers (a TOTP
 * already enrolled keeps working after the pool turns TOTP off). In a pool that requires MFA, a
 * user with none but a phone number gets SMS, as Cognito has always done.
 */
export function mfaFactsOf(pool: UserPool, user: User): { available: MfaFactor[]; preferred: MfaFactor | undefined } {
  const offered = poolMfaFactors(pool.config);
  const has = (f: MfaFactor) =>
    f === 'SMS_MFA' ? Boolean(user.attributes.phone_number) : f === 'EMAIL_OTP' ? Boolean(user.attributes.email) : Boolean(user.mfa.totpSecret);
  const turnedOn = new Set<MfaFactor>(userMfaFactors(user));
  if (user.mfa.smsOptions) turnedOn.add('SMS_MFA');
  const available = [...turnedOn].filter((f) => has(f) && (offered.includes(f) || f === 'SOFTWARE_TOKEN_MFA'));
  if (available.length === 0 && pool.config.MfaConfiguration === 'ON' && offered.includes('SMS_MFA') && has('SMS_MFA')) available.push('SMS_MFA');
  const preferred = user.mfa.preferred && available.includes(user.mfa.preferred) ? user.mfa.preferred : undefined;
  return { available, preferred };
}

/**
 * The tokens. With device tracking on, a sign-in that proved a known device binds the tokens to
 * it; any other gets NewDeviceMetadata for a new device (the refresh token is bound to it).
 */
async function finish(ctx: AuthContext): Promise<AuthResponse> {
  const { services, pool, client, state } = ctx;
  const user = ctx.user!;
  // Whatever the path (a Lambda may decide to issue tokens at once), a disabled user gets none.
  if (!user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
  let deviceKey: string | undefined;
  let newDevice: { DeviceKey: string; DeviceGroupKey: string } | undefined;
  if (deviceTrackingOn(pool)) {
    if (state.done.includes('device')) deviceKey = state.deviceKey;
    else {
      newDevice = await newDeviceMetadata(services, pool, user);
      deviceKey = newDevice.DeviceKey;
    }
  }
  await postAuthentication(ctx, newDevice !== undefined);
  const groups = await services.stores.groups.groupsOf(pool.id, user.username);
  const result = await issueTokens(services, {
    pool,
    client,
    user,
    authTime: state.authTime ?? services.clock.now(),
    deviceKey,
    refreshToken: true,
    groups,
    adjust: preTokenGeneration(services, { pool, clientId: client.clientId, user, groups, source: tokenSource(ctx), clientMetadata: state.clientMetadata }),
  });
  return { ChallengeParameters: {}, AuthenticationResult: newDevice ? { ...result, NewDeviceMetadata: newDevice } : result };
}

/** The USERNAME of a challenge response must name the session's user (any alias of it will do). */
async function sameUser(services: Services, pool: UserPool, state: SessionState, typed: string) {
  if (state.phantom) {
    // Like a real user's, a phantom's challenges may be answered with the name typed at first.
    if (typed !== state.username && typed !== state.typed) throw fail('NotAuthorizedException', messages.invalidSession);
    return undefined;
  }
  const user = await findUser(services, pool, typed);
  if (!user || user.username !== state.username) throw fail('NotAuthorizedException', messages.invalidSession);
  return user;
}
