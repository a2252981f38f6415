// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-email-sender.html

import type { z } from 'zod';
import { type EventOrigin, type TriggerEvent, emptyResponse, envelope } from './event.ts';

/**
 * CustomEmailSender: when configured, Cognito sends no email itself and hands the function the
 * secret (code or temporary password) encrypted, to deliver as it likes. Invoked asynchronously;
 * its answer is ignored (pool-model.md §4.4). See sender-code.ts for the encryption.
 */

export type CustomEmailSenderCause =
  | 'SignUp'
  | 'ResendCode'
  | 'ForgotPassword'
  | 'UpdateUserAttribute'
  | 'VerifyUserAttribute'
  | 'AdminCreateUser'
  | 'Authentication'
  | 'AccountTakeOverNotification';

export type CustomEmailSenderSource = `CustomEmailSender_${CustomEmailSenderCause}`;

export interface CustomEmailSenderRequest {
  type: 'customEmailSenderRequestV1';
  /** The encrypted secret, base64; null when the message carries none. */
  code: string | null;
  userAttributes: Record<string, string>;
  clientMetadata: Record<string, string> | null;
}

export const customEmailSenderResponse = emptyResponse;

export type CustomEmailSenderResponse = z.output<typeof customEmailSenderResponse>;

export type CustomEmailSenderEvent = TriggerEvent<CustomEmailSenderSource, CustomEmailSenderRequest, CustomEmailSenderResponse>;

export function customEmailSenderEvent(
  origin: EventOrigin,
  cause: CustomEmailSenderCause,
  request: Omit<CustomEmailSenderRequest, 'type'>,
): CustomEmailSenderEvent {
  return envelope(origin, `CustomEmailSender_${cause}`, { type: 'customEmailSenderRequestV1', ...request }, {});
}
