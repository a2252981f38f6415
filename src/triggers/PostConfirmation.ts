// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html

import type { z } from 'zod';
import { type EventOrigin, type TriggerEvent, emptyResponse, envelope } from './event.ts';

/**
 * PostConfirmation: runs once a user is confirmed (ConfirmSignUp, AdminConfirmSignUp) or has
 * reset their password (ConfirmForgotPassword). Nothing is read back; an error reaches the
 * caller, but the confirmation has already happened.
 */

export type PostConfirmationSource = 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword';

export interface PostConfirmationRequest {
  /** Includes `cognito:user_status` (`CONFIRMED`). */
  userAttributes: Record<string, string>;
  clientMetadata: Record<string, string> | null;
}

export const postConfirmationResponse = emptyResponse;

export type PostConfirmationResponse = z.output<typeof postConfirmationResponse>;

export type PostConfirmationEvent = TriggerEvent<PostConfirmationSource, PostConfirmationRequest, PostConfirmationResponse>;

export function postConfirmationEvent(origin: EventOrigin, source: PostConfirmationSource, request: PostConfirmationRequest): PostConfirmationEvent {
  return envelope(origin, source, request, {});
}
