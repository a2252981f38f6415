// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html

import { z } from 'zod';
import { type EventOrigin, type TriggerEvent, envelope, text } from './event.ts';

/**
 * CustomMessage: rewrites a code or invitation message before it is sent. The function answers
 * with templates holding the placeholders it was given (`codeParameter`, and for invitations
 * `usernameParameter`); Cognito fills them in.
 */

export type CustomMessageCause =
  | 'SignUp'
  | 'AdminCreateUser'
  | 'ResendCode'
  | 'ForgotPassword'
  | 'UpdateUserAttribute'
  | 'VerifyUserAttribute'
  | 'Authentication';

export type CustomMessageSource = `CustomMessage_${CustomMessageCause}`;

/** The placeholder of the code (or temporary password) in a message. */
export const CODE_PARAMETER = '{####}';
/** The placeholder of the user name in an invitation. */
export const USERNAME_PARAMETER = '{username}';
/** The placeholder of a verification link (link-verification pools). */
const LINK_PARAMETER = '{##Click Here##}';

/** Cognito's limits on what it sends. */
export const MAX_EMAIL_LENGTH = 20_000;
export const MAX_SMS_LENGTH = 140;

export interface CustomMessageRequest {
  userAttributes: Record<string, string>;
  codeParameter: string;
  linkParameter: string;
  /** `{username}` for AdminCreateUser, otherwise null. */
  usernameParameter: string | null;
  clientMetadata: Record<string, string> | null;
}

export const customMessageResponse = z.object({
  smsMessage: text(),
  emailMessage: text(),
  emailSubject: text(),
});

export type CustomMessageResponse = z.output<typeof customMessageResponse>;

export type CustomMessageEvent = TriggerEvent<CustomMessageSource, CustomMessageRequest, CustomMessageResponse>;

export function customMessageEvent(
  origin: EventOrigin,
  cause: CustomMessageCause,
  request: { userAttributes: Record<string, string>; clientMetadata: Record<string, string> | null },
): CustomMessageEvent {
  return envelope(
    origin,
    `CustomMessage_${cause}`,
    {
      userAttributes: request.userAttributes,
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      usernameParameter: cause === 'AdminCreateUser' ? USERNAME_PARAMETER : null,
      clientMetadata: request.clientMetadata,
    },
    { smsMessage: null, emailMessage: null, emailSubject: null },
  );
}
