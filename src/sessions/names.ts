/** The wire names of the sign-in API: flows, challenges, and the stages of a sign-in. */

/** Every AuthFlow value of the API. */
export const authFlows = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;
export type AuthFlow = (typeof authFlows)[number];

/** Every ChallengeName value of the API. */
export const challengeNames = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
] as const;
export type ChallengeName = (typeof challengeNames)[number];

/**
 * ChallengeName values the engine never issues: PASSWORD and PASSWORD_SRP are answers to
 * SELECT_CHALLENGE, never challenges; ADMIN_NO_SRP_AUTH is a historical name.
 */
export type NeverIssued = 'PASSWORD' | 'PASSWORD_SRP' | 'ADMIN_NO_SRP_AUTH';

/** The challenges the engine issues and judges. */
export type IssuableChallenge = Exclude<ChallengeName, NeverIssued>;

/** The stages of the standard policy, in the order they are asked. */
export type Stage = 'firstFactor' | 'newPassword' | 'device' | 'mfaSetup' | 'mfa';
