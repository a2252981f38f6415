// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-authentication.html

import type { z } from 'zod';
import { type EventOrigin, type TriggerEvent, emptyResponse, envelope } from './event.ts';

/**
 * PreAuthentication: runs at InitiateAuth / AdminInitiateAuth before credentials are checked;
 * throwing denies the sign-in.
 */

export type PreAuthenticationSource = 'PreAuthentication_Authentication';

export interface PreAuthenticationRequest {
  userAttributes: Record<string, string>;
  /** The InitiateAuth / AdminInitiateAuth ClientMetadata (not the custom-auth triggers'). */
  validationData: Record<string, string> | null;
  /** Only present when the client has PreventUserExistenceErrors=ENABLED. */
  userNotFound?: boolean;
}

export const preAuthenticationResponse = emptyResponse;

export type PreAuthenticationResponse = z.output<typeof preAuthenticationResponse>;

export type PreAuthenticationEvent = TriggerEvent<PreAuthenticationSource, PreAuthenticationRequest, PreAuthenticationResponse>;

export function preAuthenticationEvent(origin: EventOrigin, request: PreAuthenticationRequest): PreAuthenticationEvent {
  return envelope(origin, 'PreAuthentication_Authentication', request, {});
}
