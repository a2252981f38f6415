// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html

import { z } from 'zod';
import { type EventOrigin, type TriggerEvent, envelope, flag } from './event.ts';

/**
 * PreSignUp: runs before SignUp and AdminCreateUser write the user. Its answer may confirm the
 * user and mark email / phone_number verified (ignored for AdminCreateUser); throwing refuses the
 * sign-up.
 */

export type PreSignUpSource = 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider';

export interface PreSignUpRequest {
  /** Only the submitted attributes: the user has no `sub` yet. */
  userAttributes: Record<string, string>;
  validationData: Record<string, string> | null;
  clientMetadata: Record<string, string> | null;
}

export const preSignUpResponse = z.object({
  autoConfirmUser: flag(),
  autoVerifyEmail: flag(),
  autoVerifyPhone: flag(),
});

export type PreSignUpResponse = z.output<typeof preSignUpResponse>;

export type PreSignUpEvent = TriggerEvent<PreSignUpSource, PreSignUpRequest, PreSignUpResponse>;

export function preSignUpEvent(origin: EventOrigin, source: PreSignUpSource, request: PreSignUpRequest): PreSignUpEvent {
  return envelope(origin, source, request, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
}
