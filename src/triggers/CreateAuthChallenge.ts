// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-create-auth-challenge.html

import { z } from 'zod';
import { type ChallengeResult, type EventOrigin, type TriggerEvent, envelope, stringRecord, text } from './event.ts';

/**
 * CreateAuthChallenge: makes the custom challenge DefineAuthChallenge asked for. The public
 * parameters go to the client (with USERNAME), the private ones stay in the session for
 * VerifyAuthChallengeResponse, and `challengeMetadata` is recorded in the history.
 */

export type CreateAuthChallengeSource = 'CreateAuthChallenge_Authentication';

export interface CreateAuthChallengeRequest {
  userAttributes: Record<string, string>;
  /** What DefineAuthChallenge asked for (`CUSTOM_CHALLENGE`). */
  challengeName: string;
  session: ChallengeResult[];
  clientMetadata: Record<string, string> | null;
  userNotFound?: boolean;
}

export const createAuthChallengeResponse = z.object({
  publicChallengeParameters: stringRecord(),
  privateChallengeParameters: stringRecord(),
  challengeMetadata: text(),
});

export type CreateAuthChallengeResponse = z.output<typeof createAuthChallengeResponse>;

export type CreateAuthChallengeEvent = TriggerEvent<CreateAuthChallengeSource, CreateAuthChallengeRequest, CreateAuthChallengeResponse>;

export function createAuthChallengeEvent(origin: EventOrigin, request: CreateAuthChallengeRequest): CreateAuthChallengeEvent {
  return envelope(origin, 'CreateAuthChallenge_Authentication', request, {
    publicChallengeParameters: null,
    privateChallengeParameters: null,
    challengeMetadata: null,
  });
}
