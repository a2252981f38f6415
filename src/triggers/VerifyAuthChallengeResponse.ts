// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-verify-auth-challenge-response.html

import { z } from 'zod';
import { type EventOrigin, type TriggerEvent, envelope, flag } from './event.ts';

/**
 * VerifyAuthChallengeResponse: judges the client's ANSWER against the private parameters
 * CreateAuthChallenge left. The source is `VerifyAuthChallengeResponse_Authentication` (one docs
 * page writes `VerifyAuthChallenge_Authentication`; functions compare against the former).
 */

export type VerifyAuthChallengeResponseSource = 'VerifyAuthChallengeResponse_Authentication';

export interface VerifyAuthChallengeResponseRequest {
  userAttributes: Record<string, string>;
  privateChallengeParameters: Record<string, string>;
  /** The client's `ChallengeResponses.ANSWER`. */
  challengeAnswer: string;
  clientMetadata: Record<string, string> | null;
  userNotFound?: boolean;
}

export const verifyAuthChallengeResponseResponse = z.object({
  answerCorrect: flag(),
});

export type VerifyAuthChallengeResponseResponse = z.output<typeof verifyAuthChallengeResponseResponse>;

export type VerifyAuthChallengeResponseEvent = TriggerEvent<
  VerifyAuthChallengeResponseSource,
  VerifyAuthChallengeResponseRequest,
  VerifyAuthChallengeResponseResponse
>;

export function verifyAuthChallengeResponseEvent(origin: EventOrigin, request: VerifyAuthChallengeResponseRequest): VerifyAuthChallengeResponseEvent {
  return envelope(origin, 'VerifyAuthChallengeResponse_Authentication', request, { answerCorrect: false });
}
