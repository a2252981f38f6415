// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-define-auth-challenge.html

import { z } from 'zod';
import { type ChallengeResult, type EventOrigin, type TriggerEvent, envelope, flag, text } from './event.ts';

/**
 * DefineAuthChallenge: the custom-auth policy. Given the history of the sign-in, it says what to
 * ask next (`challengeName`), to issue tokens, or to fail.
 */

export type DefineAuthChallengeSource = 'DefineAuthChallenge_Authentication';

export interface DefineAuthChallengeRequest {
  userAttributes: Record<string, string>;
  /** Chronological history of the sign-in: `[]` at the start. */
  session: ChallengeResult[];
  /** RespondToAuthChallenge's ClientMetadata (null at InitiateAuth). */
  clientMetadata: Record<string, string> | null;
  userNotFound?: boolean;
}

export const defineAuthChallengeResponse = z.object({
  challengeName: text(),
  issueTokens: flag(),
  failAuthentication: flag(),
});

export type DefineAuthChallengeResponse = z.output<typeof defineAuthChallengeResponse>;

export type DefineAuthChallengeEvent = TriggerEvent<DefineAuthChallengeSource, DefineAuthChallengeRequest, DefineAuthChallengeResponse>;

export function defineAuthChallengeEvent(origin: EventOrigin, request: DefineAuthChallengeRequest): DefineAuthChallengeEvent {
  return envelope(origin, 'DefineAuthChallenge_Authentication', request, {
    challengeName: null,
    issueTokens: false,
    failAuthentication: false,
  });
}
