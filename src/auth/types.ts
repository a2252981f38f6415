import type { CognitoError } from '../errors.ts';
import type { MfaFactor } from '../domain/mfa.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { AuthenticationResult } from '../tokens/issue.ts';

/** Every AuthFlow value of the API. */
export const authFlows = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;
export type AuthFlow = (typeof authFlows)[number];

/** Every ChallengeName value of the API. */
export const challengeNames = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
] as const;
export type ChallengeName = (typeof challengeNames)[number];

/** One entry of the history DefineAuthChallenge receives. */
export interface HistoryEntry {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

/** The stages of the standard policy, in the order they are asked. */
export type Stage = 'firstFactor' | 'newPassword' | 'device' | 'mfaSetup' | 'mfa';

/**
 * What the server remembers between the steps of one sign-in. Serialised into the auth session;
 * never sent to the client.
 */
export interface SessionState {
  flow: AuthFlow;
  /** The internal username (or the typed name of a phantom user when existence is hidden). */
  username: string;
  /** True when the user does not exist and PreventUserExistenceErrors makes us pretend. */
  phantom?: boolean;
  /** When the first factor succeeded (ms): becomes the tokens' auth_time. */
  authTime?: number;
  /** Stages already satisfied. */
  done: Stage[];
  history: HistoryEntry[];
  /** The challenge this session waits for, its private state, and the wrong answers so far. */
  pending: { name: ChallengeName; state: Record<string, unknown>; wrongAnswers: number };
  /** A device key the client presented in this sign-in. */
  deviceKey?: string;
  /** What a phantom typed as USERNAME (its lockout key and stable fake salt derive from it). */
  typed?: string;
  /** SRP_A of the step being issued (hex); moved into the challenge's private state. */
  srpA?: string;
  /** MFA factors offered by SELECT_MFA_TYPE. */
  mfaChoices?: MfaFactor[];
  /** The address given in MFA_SETUP's email path, waiting for its EMAIL_OTP. */
  setupEmail?: string;
  /** A session chaining sign-up into sign-in (auth/sign-up-session.ts), not a challenge. */
  signUp?: 'signed-up' | 'confirmed';
  /** USER_AUTH: the first factors this user may choose. */
  available?: string[];
  /** CUSTOM_AUTH: DefineAuthChallenge has said to issue tokens; the standard stages take over. */
  customDone?: boolean;
  /** What kind of first factor proved the user (MFA follows password-like ones only). */
  firstFactor?: 'password' | 'passwordless';
  clientMetadata?: Record<string, string>;
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
}

/** What `issue` produces: parameters for the client and private state for the session. */
export interface Issued {
  parameters: Record<string, string>;
  state?: Record<string, unknown>;
  /** SELECT_CHALLENGE's choices: a top-level AvailableChallenges member of the response. */
  available?: string[];
}

/**
 * The result of judging an answer. A wrong answer is an outcome, not a thrown exception:
 * - `passed`: the challenge is satisfied; the policy decides what comes next;
 * - `wrong`: `error` goes to the client; with `retry` the same session may answer again;
 * - `selected`: the answer chose the next challenge (SELECT_MFA_TYPE, SELECT_CHALLENGE);
 * - `recorded`: the result (right or wrong) goes into the history and the policy decides
 *   (CUSTOM_CHALLENGE: DefineAuthChallenge may ask again, fail, or issue tokens).
 */
export type Outcome =
  | { kind: 'passed'; stage?: Stage | Stage[] }
  | { kind: 'wrong'; error: CognitoError; retry: boolean }
  | { kind: 'selected'; next: ChallengeName }
  | { kind: 'recorded'; result: boolean; metadata?: string };

/** One ChallengeName: how it is asked and how its answer is judged. */
export interface Challenge {
  issue(ctx: AuthContext): Promise<Issued>;
  answer(ctx: AuthContext, responses: Record<string, string>, state: Record<string, unknown>): Promise<Outcome>;
  /**
   * Present on a challenge whose state travels in its own parameters instead of a Session
   * (PASSWORD_VERIFIER and its SECRET_BLOCK): rebuilds the session state from the answer.
   */
  restore?(services: Services, client: AppClient, responses: Record<string, string>): Promise<SessionState>;
}

/** What a policy decides after a step. */
export type Decision = { kind: 'challenge'; name: ChallengeName } | { kind: 'tokens' } | { kind: 'fail'; error: CognitoError };

/** The response members of InitiateAuth / RespondToAuthChallenge. */
export interface AuthResponse {
  ChallengeName?: ChallengeName;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: AuthenticationResult & { NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string } };
  AvailableChallenges?: string[];
}
