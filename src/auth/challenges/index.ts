import type { Challenge, ChallengeName } from '../types.ts';
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
 * ChallengeName values the engine never issues: PASSWORD and PASSWORD_SRP are answers to
 * SELECT_CHALLENGE, never challenges (auth-protocol.md §3.2), ADMIN_NO_SRP_AUTH is historical (§3.13).
 */
type NeverIssued = 'PASSWORD' | 'PASSWORD_SRP' | 'ADMIN_NO_SRP_AUTH';

const registry = {
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
} satisfies Record<Exclude<ChallengeName, NeverIssued>, Challenge>;

/** The challenges the engine can issue and judge, by ChallengeName (a name without one fails the build). */
export const challenges: Partial<Record<ChallengeName, Challenge>> = registry;
