// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-email-sender.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sms-sender.html

import type { z } from 'zod';
import type { Channel } from '../messages/channel.ts';
import { type EventOrigin, type TriggerEvent, emptyResponse, envelope } from './event.ts';

/**
 * CustomEmailSender and CustomSMSSender, one definition for both channels: when the channel's
 * sender is configured, Cognito sends nothing on it itself and hands the function the secret
 * (code or temporary password) encrypted, to deliver as it likes. Invoked asynchronously; its
 * answer is ignored. The two differ in their name, the request `type`, and the email-only
 * AccountTakeOverNotification source. The SMS source prefix is `CustomSMSSender_` (one docs
 * table writes `CustomSmsSender_`). See sender-code.ts for the encryption.
 */

/** The trigger that sends on each channel, as LambdaConfig names it. */
export const customSenderOf = { EMAIL: 'CustomEmailSender', SMS: 'CustomSMSSender' } as const;

const requestTypeOf = { EMAIL: 'customEmailSenderRequestV1', SMS: 'customSMSSenderRequestV1' } as const;

type SharedCause = 'SignUp' | 'ResendCode' | 'ForgotPassword' | 'UpdateUserAttribute' | 'VerifyUserAttribute' | 'AdminCreateUser' | 'Authentication';

/** What causes the event on channel `C`: the trigger source's suffix. */
export type CustomSenderCause<C extends Channel> = C extends 'EMAIL' ? SharedCause | 'AccountTakeOverNotification' : SharedCause;

export interface CustomSenderRequest<C extends Channel> {
  type: (typeof requestTypeOf)[C];
  /** The encrypted secret, base64; null when the message carries none. */
  code: string | null;
  userAttributes: Record<string, string>;
  clientMetadata: Record<string, string> | null;
}

export const customSenderResponse = emptyResponse;

export type CustomSenderResponse = z.output<typeof customSenderResponse>;

/** The event of channel `C` (for `Channel`, either event). */
export type CustomSenderEvent<C extends Channel> = C extends Channel
  ? TriggerEvent<`${(typeof customSenderOf)[C]}_${CustomSenderCause<C>}`, CustomSenderRequest<C>, CustomSenderResponse>
  : never;

export function customSenderEvent<C extends Channel>(
  channel: C,
  origin: EventOrigin,
  cause: CustomSenderCause<C>,
  request: Omit<CustomSenderRequest<C>, 'type'>,
): CustomSenderEvent<C> {
  return envelope(origin, `${customSenderOf[channel]}_${cause}`, { type: requestTypeOf[channel], ...request }, {}) as CustomSenderEvent<C>;
}
