/**
 * A user's authentication event, as Cognito's threat protection logs them
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-adaptive-authentication.html):
 * one per sign-in attempt however many challenges it passed, and one per sign-up, password
 * reset, password change and resent code. `trace` is cognate's own: each step of the sign-in, for
 * the console, with every secret redacted.
 */

export const authEventTypes = ['SignIn', 'SignUp', 'ForgotPassword', 'PasswordChange', 'ResendCode'] as const;
export type AuthEventType = (typeof authEventTypes)[number];

export type AuthEventResponse = 'Pass' | 'Fail' | 'InProgress';

export interface ChallengeResult {
  ChallengeName: 'Password' | 'Mfa';
  ChallengeResponse: 'Success' | 'Failure';
}

export interface EventFeedback {
  FeedbackValue: 'Valid' | 'Invalid';
  Provider: 'Admin' | 'User';
  FeedbackDate: number;
}

/** One step of a sign-in as the console shows it: when (ms since the event began), what, and its details. */
export interface TraceStep {
  at: number;
  kind: 'flow' | 'issued' | 'answered' | 'decision' | 'trigger' | 'tokens' | 'error';
  [detail: string]: unknown;
}

export interface AuthEvent {
  poolId: string;
  username: string;
  eventId: string;
  eventType: AuthEventType;
  createdAt: number;
  response: AuthEventResponse;
  challenges: ChallengeResult[];
  context: { IpAddress?: string; DeviceName?: string };
  feedback?: EventFeedback | undefined;
  /** Sealed: the token UpdateAuthEventFeedback takes. */
  feedbackToken: string;
  trace: TraceStep[];
  updatedAt: number;
}
