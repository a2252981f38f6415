// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-authentication.html

import type { z } from 'zod';
import { type EventOrigin, type TriggerEvent, emptyResponse, envelope } from './event.ts';

/**
 * PostAuthentication: runs after a successful sign-in, before the tokens are returned; an error
 * fails the sign-in.
 */

export type PostAuthenticationSource = 'PostAuthentication_Authentication';

export interface PostAuthenticationRequest {
  userAttributes: Record<string, string>;
  /** Whether the sign-in used a device that was not remembered before. */
  newDeviceUsed: boolean;
  /** From RespondToAuthChallenge / AdminRespondToAuthChallenge only, never from InitiateAuth. */
  clientMetadata: Record<string, string> | null;
}

export const postAuthenticationResponse = emptyResponse;

export type PostAuthenticationResponse = z.output<typeof postAuthenticationResponse>;

export type PostAuthenticationEvent = TriggerEvent<PostAuthenticationSource, PostAuthenticationRequest, PostAuthenticationResponse>;

export function postAuthenticationEvent(origin: EventOrigin, request: PostAuthenticationRequest): PostAuthenticationEvent {
  return envelope(origin, 'PostAuthentication_Authentication', request, {});
}
