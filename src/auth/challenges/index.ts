import type { IssuableChallenge } from '../../sessions/names.ts';
import type { Challenge } from '../types.ts';
import { CUSTOM_CHALLENGE } from './CUSTOM_CHALLENGE.ts';
import { DEVICE_PASSWORD_VERIFIER } from './DEVICE_PASSWORD_VERIFIER.ts';
import { DEVICE_SRP_AUTH } from './DEVICE_SRP_AUTH.ts';
import { EMAIL_OTP } from './EMAIL_OTP.ts';
import { MFA_SETUP } from './MFA_SETUP.ts';
import { NEW_PASSWORD_REQUIRED } from './NEW_PASSWORD_REQUIRED.ts';
import { PASSWORD_VERIFIER } from './PASSWORD_VERIFIER.ts';
import { SELECT_CHALLENGE } from './SELECT_CHALLENGE.ts';
import { SELECT_MFA_TYPE } from './SELECT_MFA_TYPE.ts';
import { SMS_MFA } from './SMS_MFA.ts';
import { SMS_OTP } from './SMS_OTP.ts';
import { SOFTWARE_TOKEN_MFA } from './SOFTWARE_TOKEN_MFA.ts';
import { WEB_AUTHN } from './WEB_AUTHN.ts';

/**
 * The challenges the engine can issue and judge, by ChallengeName: a name without a handler
 * fails the build. Each keeps its own private state type; the engine parses it with the
 * challenge's schema when a session comes back.
 */
export const challenges: { readonly [N in IssuableChallenge]: Challenge<unknown> } = {
  PASSWORD_VERIFIER,
  NEW_PASSWORD_REQUIRED,
  DEVICE_SRP_AUTH,
  DEVICE_PASSWORD_VERIFIER,
  MFA_SETUP,
  SELECT_MFA_TYPE,
  SMS_MFA,
  SOFTWARE_TOKEN_MFA,
  EMAIL_OTP,
  CUSTOM_CHALLENGE,
  SELECT_CHALLENGE,
  SMS_OTP,
  WEB_AUTHN,
};
