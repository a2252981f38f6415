// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sms-sender.html

import type { z } from 'zod';
import { type EventOrigin, type TriggerEvent, emptyResponse, envelope } from './event.ts';

/**
 * CustomSMSSender: when configured, Cognito sends no SMS itself and hands the function the
 * secret encrypted. The source prefix is `CustomSMSSender_` (one docs table writes
 * `CustomSmsSender_`). Invoked asynchronously; its answer is ignored (pool-model.md §4.4).
 */

export type CustomSMSSenderCause =
  | 'SignUp'
  | 'ResendCode'
  | 'ForgotPassword'
  | 'UpdateUserAttribute'
  | 'VerifyUserAttribute'
  | 'AdminCreateUser'
  | 'Authentication';

export type CustomSMSSenderSource = `CustomSMSSender_${CustomSMSSenderCause}`;

export interface CustomSMSSenderRequest {
  type: 'customSMSSenderRequestV1';
  /** The encrypted secret, base64. */
  code: string | null;
  userAttributes: Record<string, string>;
  clientMetadata: Record<string, string> | null;
}

export const customSMSSenderResponse = emptyResponse;

export type CustomSMSSenderResponse = z.output<typeof customSMSSenderResponse>;

export type CustomSMSSenderEvent = TriggerEvent<CustomSMSSenderSource, CustomSMSSenderRequest, CustomSMSSenderResponse>;

export function customSMSSenderEvent(origin: EventOrigin, cause: CustomSMSSenderCause, request: Omit<CustomSMSSenderRequest, 'type'>): CustomSMSSenderEvent {
  return envelope(origin, `CustomSMSSender_${cause}`, { type: 'customSMSSenderRequestV1', ...request }, {});
}
