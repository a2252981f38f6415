// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html

import { z } from 'zod';
import { type EventOrigin, type TriggerEvent, envelope, flag, stringRecord } from './event.ts';

/**
 * UserMigration: asked for a user the pool does not know, at a password sign-in
 * (`UserMigration_Authentication`, with the password to check) or at ForgotPassword
 * (`UserMigration_ForgotPassword`). Returning attributes imports the user.
 */

export type UserMigrationSource = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';

export interface UserMigrationRequest {
  /** The password typed at sign-in; absent for ForgotPassword. */
  password?: string;
  /** The InitiateAuth / AdminInitiateAuth ClientMetadata. */
  validationData: Record<string, string> | null;
  /** AdminRespondToAuthChallenge / ForgotPassword ClientMetadata. */
  clientMetadata: Record<string, string> | null;
}

export const userMigrationResponse = z.object({
  userAttributes: stringRecord(),
  /** `CONFIRMED`; anything else means `RESET_REQUIRED`. */
  finalUserStatus: z.string().nullish(),
  /** `SUPPRESS` skips the welcome message. */
  messageAction: z.string().nullish(),
  desiredDeliveryMediums: z.array(z.enum(['EMAIL', 'SMS'])).nullish(),
  forceAliasCreation: flag(),
  enableSMSMFA: flag(),
});

export type UserMigrationResponse = z.output<typeof userMigrationResponse>;

export type UserMigrationEvent = TriggerEvent<UserMigrationSource, UserMigrationRequest, UserMigrationResponse>;

/** `origin.userName` is the name as the user typed it. */
export function userMigrationEvent(origin: EventOrigin, source: UserMigrationSource, request: UserMigrationRequest): UserMigrationEvent {
  return envelope(origin, source, request, {
    userAttributes: null,
    finalUserStatus: null,
    messageAction: null,
    desiredDeliveryMediums: null,
    forceAliasCreation: null,
    enableSMSMFA: null,
  });
}
