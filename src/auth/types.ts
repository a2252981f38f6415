import type { z } from 'zod';
import type { FlowKind } from '../domain/client.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import type { CognitoError } from '../errors.ts';
import type { Services } from '../services.ts';
import type { Stores } from '../storage/ports.ts';
import type { AuthenticationResult } from '../tokens/issue.ts';
import type { AuthFlow, IssuableChallenge, Stage } from '../sessions/names.ts';
import type { SessionState } from '../sessions/state.ts';

/** One entry of the history DefineAuthChallenge receives. */
export interface HistoryEntry {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string | undefined;
}

/** What every step of the engine works with. */
export interface AuthContext {
  services: Services;
  pool: UserPool;
  client: AppClient;
  /** Undefined for a phantom (unknown) user. */
  user: User | undefined;
  /** AdminInitiateAuth / AdminRespondToAuthChallenge (SigV4) rather than the public operations. */
  admin: boolean;
  state: SessionState;
  /** The end user's IP (as the app reports it, else the caller's): a device's last_ip_used. */
  ip?: string | undefined;
}

/** What `issue` produces: parameters for the client and private state for the session. */
export interface Issued<S> {
  parameters: Record<string, string>;
  state: S;
  /** SELECT_CHALLENGE's choices: a top-level AvailableChallenges member of the response. */
  available?: string[];
}

/**
 * Writes an answer makes, run by the engine in the transaction that consumes the answered
 * session: a losing concurrent answer writes nothing.
 */
export type Commit = (stores: Stores) => Promise<void>;

/**
 * The result of judging an answer. A wrong answer is an outcome, not a thrown exception:
 * - `passed`: the challenge is satisfied (the stages named are done); the policy decides next;
 * - `wrong`: `error` goes to the client; with `retry` the same session may answer again;
 * - `selected`: the answer chose the next challenge (SELECT_MFA_TYPE, SELECT_CHALLENGE, …);
 * - `recorded`: the result (right or wrong) goes into the history and the policy decides
 *   (CUSTOM_CHALLENGE: DefineAuthChallenge may ask again, fail, or issue tokens).
 */
export type Outcome =
  | { kind: 'passed'; stage?: Stage | Stage[]; commit?: Commit }
  | { kind: 'wrong'; error: CognitoError; retry: boolean }
  | { kind: 'selected'; next: IssuableChallenge; commit?: Commit }
  | { kind: 'recorded'; result: boolean; metadata?: string };

/**
 * One ChallengeName: how it is asked and how its answer is judged. `S` is its private state,
 * kept in the auth session between the two and parsed with `state` when the session is loaded.
 */
export interface Challenge<S> {
  state: z.ZodType<S>;
  issue(ctx: AuthContext): Promise<Issued<S>>;
  answer(ctx: AuthContext, responses: Record<string, string>, state: S): Promise<Outcome>;
  /**
   * Present on a challenge whose state travels in its own parameters instead of a Session
   * (PASSWORD_VERIFIER and its SECRET_BLOCK): rebuilds the session state from the answer.
   */
  restore?(services: Services, client: AppClient, responses: Record<string, string>): Promise<SessionState>;
  /**
   * How many answers one issue of it may take (each reserved before it is judged): a code or a
   * choice may be retried a few times; a proof or a custom answer is judged once (the default).
   */
  attempts?: number;
  /** Its parameters are the challenge's own (CUSTOM_CHALLENGE, SELECT_CHALLENGE): no USER_ID_FOR_SRP added. */
  ownParameters?: true;
  /**
   * Its session is derived from the one it follows (successorSession), so an answer sent with
   * that spent Session still finds it: amazon-cognito-identity-js answers the DEVICE_SRP_AUTH
   * that follows an MFA answer with the MFA step's Session.
   */
  followsSpentSession?: true;
}

/** What a policy decides after a step; `why`, the facts it decided on (shown in the console's trace). */
export type Decision = ({ kind: 'challenge'; name: IssuableChallenge } | { kind: 'tokens' } | { kind: 'fail'; error: CognitoError }) & {
  why?: Record<string, unknown>;
};

/**
 * A way of deciding what comes next in a sign-in: the standard stage table, DefineAuthChallenge
 * (custom), or the first factors of choice-based sign-in (choice). Asked after every step that
 * moves forward; may update the session state it decides on.
 */
export interface Policy {
  name: 'standard' | 'custom' | 'choice';
  decide(ctx: AuthContext): Promise<Decision>;
}

/**
 * What a flow's first step leads to; the engine does it:
 * - `ask`: issue this challenge first (USER_SRP_AUTH → PASSWORD_VERIFIER);
 * - `decide`: ask the flow's policy (the first factor may already be done, as in USER_PASSWORD_AUTH);
 * - `answered`: the first call carried an answer to a first factor (USER_AUTH's PREFERRED_CHALLENGE).
 */
export type FirstStep = { kind: 'ask'; challenge: IssuableChallenge } | { kind: 'decide' } | { kind: 'answered'; outcome: Outcome };

export interface FlowRequest {
  services: Services;
  pool: UserPool;
  client: AppClient;
  admin: boolean;
  flow: AuthFlow;
  params: Record<string, string>;
  clientMetadata?: Record<string, string> | undefined;
  /** InitiateAuth's Session member (USER_AUTH after ConfirmSignUp). */
  session?: string | undefined;
}

/** A flow's first step: a sign-in that goes on (its user, state and what comes first), or tokens refreshed at once. */
export type FlowStart =
  | { kind: 'sign-in'; user: User | undefined; state: SessionState; first: FirstStep }
  | { kind: 'refreshed'; result: AuthenticationResult };

/** One AuthFlow: which operation may start it, which client setting allows it, its policy and its first step. */
export interface Flow {
  kind: FlowKind;
  operations: 'public' | 'admin' | 'both';
  /** InvalidParameterException message when the client does not allow it. */
  notEnabled: string;
  /** Decides what follows each step of this flow's sign-ins. */
  policy: Policy;
  start(req: FlowRequest): Promise<FlowStart>;
}

/**
 * How a sign-in ends once its policy says the user is signed in: the API's ending issues tokens
 * (auth/finish.ts); the hosted pages' ending (auth/finish.ts hostedEnding) hands the signed-in
 * user to the authorization server, which issues a code. Only the engine calls it.
 */
export type Ending<R> = (ctx: AuthContext) => Promise<R>;

/** The response members of InitiateAuth / RespondToAuthChallenge. */
export interface AuthResponse {
  ChallengeName?: IssuableChallenge;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: AuthenticationResult & { NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string } };
  AvailableChallenges?: string[];
}
