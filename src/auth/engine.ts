import { checkSecretHash } from '../domain/secret-hash.ts';
import { customAuthOnly, flowAllowed } from '../domain/client.ts';
import type { UserPool } from '../domain/types.ts';
import { CognitoError, clientNotFound, fail, messages } from '../errors.ts';
import { findUser } from '../users/find-user.ts';
import type { Services } from '../services.ts';
import { challenges } from './challenges/index.ts';
import type { AuthEventResponse } from '../domain/auth-event.ts';
import { redact } from '../events/redact.ts';
import { newEventId, type RequestOrigin, recordSignIn } from '../events/sign-in-event.ts';
import { inTrace, newTrace, type Trace, traceChallenge, traceStep } from '../events/trace.ts';
import { finish } from './finish.ts';
import { flows } from './flows/index.ts';
import type { AuthFlow, ChallengeName, IssuableChallenge } from '../sessions/names.ts';
import { requireParam } from './params.ts';
import {
  consumeSession,
  type LoadedSession,
  loadSession,
  loadSessionOrSuccessor,
  openSession,
  releaseAnswer,
  reserveAnswer,
  retireSession,
  successorSession,
} from '../sessions/session.ts';
import { markDone, type SessionState } from '../sessions/state.ts';
import type { AuthContext, AuthResponse, Commit, Ending, FirstStep, Outcome } from './types.ts';

/**
 * The engine loop: the only place that sequences a sign-in. It checks the client allows the flow,
 * runs the flow's first step, loads and checks the session of each answer, calls the challenge,
 * records the result in the session history, asks the flow's policy, and issues the next
 * challenge or the tokens. Sessions are consumed here and nowhere else in a sign-in, together
 * with whatever the answer writes.
 */

export interface InitiateRequest {
  admin: boolean;
  /** AdminInitiateAuth's UserPoolId: the client must belong to it. */
  poolId?: string;
  clientId: string;
  flow: AuthFlow;
  params: Record<string, string>;
  clientMetadata?: Record<string, string> | undefined;
  session?: string | undefined;
  /** Where the call came from (its sign-in event's context). */
  origin?: RequestOrigin | undefined;
  /**
   * The hosted sign-in pages start it (/login): allowed whatever the client's ExplicitAuthFlows
   * say, as in Cognito, and marked so that only the pages continue it.
   */
  hosted?: true;
}

export interface RespondRequest {
  admin: boolean;
  poolId?: string;
  clientId: string;
  challengeName: ChallengeName;
  responses: Record<string, string>;
  session?: string | undefined;
  clientMetadata?: Record<string, string> | undefined;
  origin?: RequestOrigin | undefined;
  /** An answer posted to the hosted pages: the session must be one they started. */
  hosted?: true;
}

/** What a call has learnt of its sign-in by the time it answers or fails: where its event is written. */
interface Seen {
  pool?: UserPool;
  /** The internal username of a real user (none for a phantom). */
  username?: string | undefined;
  state?: SessionState;
  /** A wrong answer that may be answered again: the sign-in is still in progress. */
  answerable?: boolean;
}

/** The app client and its pool, in one read; an admin call's client must belong to its pool. */
async function clientAndPool(services: Services, clientId: string, poolId: string | undefined) {
  const found = await services.stores.clients.getWithPool(clientId);
  if (!found || (poolId !== undefined && found.client.poolId !== poolId)) throw clientNotFound(clientId);
  return found;
}

/**
 * Starts a sign-in (InitiateAuth / AdminInitiateAuth, or the hosted pages). It ends, once the
 * policy says the user is signed in, with `ending`: the API's tokens (auth/finish.ts) unless the
 * caller brings its own (the hosted pages end in an authorization code). Every sign-in (not a
 * refresh) gets an authentication event, its trace recorded as it goes.
 */
export function initiate(services: Services, req: InitiateRequest): Promise<AuthResponse>;
export function initiate<R>(services: Services, req: InitiateRequest, ending: Ending<R>): Promise<AuthResponse | R>;
export async function initiate(services: Services, req: InitiateRequest, ending: Ending<unknown> = finish): Promise<unknown> {
  if (flows[req.flow].kind === 'refresh') {
    try {
      const out = await initiateSteps(services, req, ending, {});
      services.metrics.signIn(req.flow, 'success');
      return out;
    } catch (error) {
      services.metrics.signIn(req.flow, errorName(error));
      throw error;
    }
  }
  const trace = newTrace(() => services.clock.now());
  const seen: Seen = {};
  try {
    const out = await inTrace(trace, () => initiateSteps(services, req, ending, seen));
    if (signedIn(out)) services.metrics.signIn(req.flow, 'success');
    await recordCall(services, seen, trace, req.origin, true, signedIn(out) ? 'Pass' : 'InProgress');
    return out;
  } catch (error) {
    services.metrics.signIn(req.flow, errorName(error));
    traceError(trace, error);
    if (seen.pool && !seen.state && req.params.USERNAME)
      seen.username = (await findUser(services, seen.pool, req.params.USERNAME).catch(() => undefined))?.username;
    await recordCall(services, seen, trace, req.origin, true, 'Fail');
    throw error;
  }
}

/** Answers the challenge a sign-in waits for (`ending` as {@link initiate}'s); adds to the sign-in's event. */
export function respond(services: Services, req: RespondRequest): Promise<AuthResponse>;
export function respond<R>(services: Services, req: RespondRequest, ending: Ending<R>): Promise<AuthResponse | R>;
export async function respond(services: Services, req: RespondRequest, ending: Ending<unknown> = finish): Promise<unknown> {
  const trace = newTrace(() => services.clock.now());
  const seen: Seen = {};
  try {
    const out = await inTrace(trace, () => respondSteps(services, req, ending, seen));
    if (signedIn(out)) services.metrics.signIn(seen.state?.flow ?? 'unknown', 'success');
    await recordCall(services, seen, trace, req.origin, false, signedIn(out) ? 'Pass' : 'InProgress');
    return out;
  } catch (error) {
    // A wrong answer that may be answered again has not ended the sign-in (the challenge counter has it).
    if (!seen.answerable) services.metrics.signIn(seen.state?.flow ?? 'unknown', errorName(error));
    traceError(trace, error);
    await recordCall(services, seen, trace, req.origin, false, seen.answerable ? 'InProgress' : 'Fail');
    throw error;
  }
}

/** The name a failed call is counted under: its Cognito exception (anything else is answered as an internal error). */
function errorName(error: unknown): string {
  return error instanceof CognitoError ? error.type : 'InternalErrorException';
}

/** Whether a call's result ends the sign-in (tokens or the caller's ending), rather than asking a challenge. */
function signedIn(out: unknown): boolean {
  return (out as AuthResponse).ChallengeName === undefined;
}

/** The error a call ended with, last in its trace (outside the traced work, so added directly). */
function traceError(trace: Trace, error: unknown): void {
  const e = error as { name?: string; message?: string };
  trace.steps.push({ at: trace.now() - trace.startedAt, kind: 'error', name: e.name, message: e.message });
}

/** Writes the call's trace to its sign-in's event: a real user's only (a phantom has no events). */
async function recordCall(services: Services, seen: Seen, trace: Trace, origin: RequestOrigin | undefined, begins: boolean, response: AuthEventResponse) {
  if (!seen.pool || !seen.username) return;
  const eventId = seen.state?.eventId ?? (begins ? newEventId() : undefined);
  if (!eventId) return;
  await recordSignIn(services, { poolId: seen.pool.id, username: seen.username, eventId, begins, origin }, trace, response);
}

async function initiateSteps(services: Services, req: InitiateRequest, ending: Ending<unknown>, seen: Seen): Promise<unknown> {
  const { client, pool } = await clientAndPool(services, req.clientId, req.poolId);
  seen.pool = pool;
  traceStep('flow', { flow: req.flow, clientId: client.clientId, admin: req.admin, username: req.params.USERNAME });
  const flow = flows[req.flow];
  if ((flow.operations === 'admin' && !req.admin) || (flow.operations === 'public' && req.admin)) {
    throw fail('InvalidParameterException', 'Initiate Auth method not supported.');
  }
  if (!req.hosted && !flowAllowed(client, flow.kind)) {
    if (customAuthOnly(client)) throw fail('InvalidParameterException', 'Only custom auth (lambda driven) is enabled for this client.');
    throw fail('InvalidParameterException', flow.notEnabled);
  }
  const started = await flow.start({
    services,
    pool,
    client,
    admin: req.admin,
    flow: req.flow,
    params: req.params,
    clientMetadata: req.clientMetadata,
    session: req.session,
  });
  if (started.kind === 'refreshed') return { ChallengeParameters: {}, AuthenticationResult: started.result };
  started.state.eventId = newEventId();
  if (req.hosted) started.state.hosted = true;
  seen.state = started.state;
  seen.username = started.user?.username;
  const ctx: AuthContext = { services, pool, client, user: started.user, admin: req.admin, state: started.state, ip: req.origin?.ip };
  return proceed(ctx, started.first, ending);
}

async function respondSteps(services: Services, req: RespondRequest, ending: Ending<unknown>, seen: Seen): Promise<unknown> {
  const { client, pool } = await clientAndPool(services, req.clientId, req.poolId);
  seen.pool = pool;
  const challenge = (challenges as Partial<Record<ChallengeName, (typeof challenges)[IssuableChallenge]>>)[req.challengeName];
  if (!challenge) throw fail('InvalidParameterException', `Challenge ${req.challengeName} is not supported.`);
  // A stateless challenge rebuilds its state from the answer; every other one needs its Session.
  let loaded: LoadedSession | undefined;
  let state: SessionState;
  if (challenge.restore) state = await challenge.restore(services, client, req.responses);
  else {
    loaded = challenge.followsSpentSession ? await loadSessionOrSuccessor(services, client, req.session) : await loadSession(services, client, req.session);
    state = loaded.state;
  }
  seen.state = state;
  // A hosted sign-in continues on the hosted pages only, and an API one through the API only.
  if (state.hosted !== req.hosted) throw fail('NotAuthorizedException', messages.invalidSession, 'hosted and API sign-ins do not mix');
  const pending = state.pending;
  if (pending?.name !== req.challengeName) {
    throw fail('InvalidParameterException', `The challenge ${req.challengeName} does not match the challenge of this session.`);
  }
  const privateState = challenge.state.safeParse(pending.state);
  if (!privateState.success) throw fail('NotAuthorizedException', messages.invalidSession, `${req.challengeName} state does not parse`);

  const typed = requireParam(req.responses, 'USERNAME');
  const user = await sameUser(services, pool, state, typed);
  seen.username = user?.username;
  checkSecretHash(client, req.responses.SECRET_HASH, [typed, state.username]);
  if (user && !user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
  // ClientMetadata belongs to the call that sends it: this answer's triggers see this answer's map.
  if (req.clientMetadata) state.clientMetadata = req.clientMetadata;
  else delete state.clientMetadata;
  // Clients add DEVICE_KEY to any challenge response once they hold one.
  if (req.responses.DEVICE_KEY && !state.deviceKey) state.deviceKey = req.responses.DEVICE_KEY;

  // Reserved before it is judged: however many answers arrive at once, no more are judged than
  // the challenge allows, and the rest are refused as a used session.
  const limit = challenge.attempts ?? 1;
  if (loaded) await reserveAnswer(services, loaded, limit);
  const ctx: AuthContext = { services, pool, client, user, admin: req.admin, state, ip: req.origin?.ip };
  let outcome: Outcome;
  try {
    outcome = await challenge.answer(ctx, req.responses, privateState.data);
  } catch (error) {
    // A thrown error is an answer that was never judged (a missing parameter, a failed trigger):
    // judged answers are outcomes.
    if (loaded) await releaseAnswer(services, loaded);
    throw error;
  }
  traceStep('answered', {
    challenge: req.challengeName,
    outcome: outcome.kind,
    ...(outcome.kind === 'wrong' ? { error: outcome.error.type } : {}),
    ...(outcome.kind === 'recorded' ? { result: outcome.result } : {}),
    ...(outcome.kind === 'selected' ? { next: outcome.next } : {}),
  });
  if (isMfa(req.challengeName, state)) traceChallenge('Mfa', outcome.kind === 'passed');
  services.metrics.challenge(
    req.challengeName,
    outcome.kind === 'recorded'
      ? outcome.result
        ? 'passed'
        : 'wrong'
      : outcome.kind === 'selected'
        ? 'selected'
        : outcome.kind === 'passed'
          ? 'passed'
          : 'wrong',
  );
  if (outcome.kind === 'wrong') {
    const retired = !outcome.retry || limit === 1;
    if (loaded && retired) await retireSession(services, loaded);
    seen.answerable = loaded !== undefined && !retired;
    throw outcome.error;
  }
  state.history.push({
    challengeName: req.challengeName,
    challengeResult: outcome.kind === 'recorded' ? outcome.result : true,
    ...(outcome.kind === 'recorded' && outcome.metadata !== undefined ? { challengeMetadata: outcome.metadata } : {}),
  });
  return proceed(ctx, { kind: 'answered', outcome }, ending, loaded);
}

/**
 * Does what a step leads to: the challenge it names, or what the flow's policy decides; then
 * issues that challenge in a new session, or the tokens. `previous`, the answered session, is
 * consumed in the same transaction as the answer's writes and the next session: whoever consumes
 * it owns the next step, and a concurrent answer that lost writes nothing.
 */
async function proceed(ctx: AuthContext, step: FirstStep, ending: Ending<unknown>, previous?: LoadedSession): Promise<unknown> {
  const { services, state } = ctx;
  let commit: Commit | undefined;
  let next: IssuableChallenge | undefined;
  if (step.kind === 'ask') next = step.challenge;
  if (step.kind === 'answered') {
    const outcome: Outcome = step.outcome;
    if (outcome.kind === 'wrong') throw outcome.error;
    if (outcome.kind === 'passed' || outcome.kind === 'selected') commit = outcome.commit;
    if (outcome.kind === 'passed' && outcome.stage) markDone(state, outcome.stage);
    if (outcome.kind === 'selected') next = outcome.next;
  }
  if (next === undefined) {
    const policy = flows[state.flow].policy;
    const decision = await policy.decide(ctx);
    traceStep('decision', {
      policy: policy.name,
      decision: decision.kind === 'challenge' ? decision.name : decision.kind,
      ...(decision.kind === 'fail' ? { error: decision.error.type } : {}),
      ...(decision.why ? { why: decision.why } : {}),
    });
    if (decision.kind === 'fail') {
      if (previous) await consumeSession(services, services.stores, previous);
      throw decision.error;
    }
    if (decision.kind === 'tokens') {
      // A first-call sign-in (no session to consume, no answer's writes) has nothing to commit.
      if (previous || commit) {
        await services.stores.transaction(async (stores) => {
          if (previous) await consumeSession(services, stores, previous);
          await commit?.(stores);
        });
      }
      return ending(ctx);
    }
    next = decision.name;
  }
  return issue(ctx, next, previous, commit);
}

/** Issues `name`: its parameters to the client, its private state into a new session. */
async function issue(ctx: AuthContext, name: IssuableChallenge, previous: LoadedSession | undefined, commit: Commit | undefined): Promise<AuthResponse> {
  const { services, client, state } = ctx;
  const challenge = challenges[name];
  const issued = await challenge.issue(ctx);
  state.pending = { name, state: issued.state };
  // USER_ID_FOR_SRP (the internal username) rides along as Cognito sends it, except where the
  // parameters are the challenge's own (the app's custom parameters, the choice list).
  const parameters = { USERNAME: state.username, ...(challenge.ownParameters ? {} : { USER_ID_FOR_SRP: state.username }), ...issued.parameters };
  const available = issued.available ? { AvailableChallenges: issued.available } : {};
  traceStep('issued', { challenge: name, parameters: redact(parameters), ...available });
  services.metrics.challenge(name, 'issued');
  if (challenge.restore) {
    // Its state travels in its parameters (SECRET_BLOCK): no Session, as Cognito does.
    if (previous || commit) {
      await services.stores.transaction(async (stores) => {
        if (previous) await consumeSession(services, stores, previous);
        await commit?.(stores);
      });
    }
    return { ChallengeName: name, ChallengeParameters: parameters, ...available };
  }
  const session = await services.stores.transaction(async (stores) => {
    if (previous) await consumeSession(services, stores, previous);
    await commit?.(stores);
    const successor = challenge.followsSpentSession && previous ? successorSession(services, previous.record.idHash) : undefined;
    return openSession(services, stores, client, state, successor);
  });
  return { ChallengeName: name, Session: session, ChallengeParameters: parameters, ...available };
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

/** An MFA answer (the Mfa of an event's ChallengeResponses): the MFA challenges, and EMAIL_OTP once a first factor is done. */
function isMfa(name: ChallengeName, state: SessionState): boolean {
  return name === 'SMS_MFA' || name === 'SOFTWARE_TOKEN_MFA' || (name === 'EMAIL_OTP' && state.done.includes('firstFactor'));
}
