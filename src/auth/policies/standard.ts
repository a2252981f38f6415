import { fail, messages } from '../../errors.ts';
import type { MfaFactor } from '../../domain/mfa.ts';
import type { UserStatus } from '../../domain/types.ts';
import type { ChallengeName, Decision, Stage } from '../types.ts';

/**
 * The standard policy: after the first factor, the stages are asked in order and the first one
 * not yet satisfied that applies is the next challenge: NEW_PASSWORD_REQUIRED → MFA_SETUP → MFA
 * → device SRP → tokens (auth-protocol.md §2.8). A remembered device presented in a pool with
 * ChallengeRequiredOnNewDevice skips MFA; device SRP then proves it. Device SRP comes after MFA
 * because amazon-cognito-identity-js treats whatever answers its DEVICE_SRP_AUTH step as the end
 * of the sign-in.
 * Pure: tested as a table of facts → decision.
 */

export interface StandardFacts {
  userStatus: UserStatus;
  /** The sign-in is for a user that does not exist (PreventUserExistenceErrors). */
  phantom: boolean;
  done: readonly Stage[];
  /** MFA follows password-like first factors only (not passwordless ones). */
  passwordFactor: boolean;
  mfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
  /** The MFA factors this user can be asked for now. */
  mfaAvailable: readonly MfaFactor[];
  mfaPreferred?: MfaFactor | undefined;
  /** The sign-in presented a confirmed device of this user (device tracking on). */
  knownDevice: boolean;
  /** That device is remembered and the pool lets a remembered device replace MFA (device SRP still proves it). */
  deviceStandsInForMfa: boolean;
}

interface StageRule {
  stage: Stage;
  /** The challenge that satisfies this stage, when the stage applies to these facts. */
  ask(facts: StandardFacts): ChallengeName | undefined;
}

const mfaSkipped = (f: StandardFacts) => !f.passwordFactor || (f.knownDevice && f.deviceStandsInForMfa);
const mfaRequired = (f: StandardFacts) => f.mfaConfiguration === 'ON' || (f.mfaConfiguration === 'OPTIONAL' && f.mfaAvailable.length > 0);

/** The ordered table. */
export const standardStages: readonly StageRule[] = [
  { stage: 'newPassword', ask: (f) => (f.userStatus === 'FORCE_CHANGE_PASSWORD' ? 'NEW_PASSWORD_REQUIRED' : undefined) },
  {
    stage: 'mfaSetup',
    ask: (f) => (!mfaSkipped(f) && f.mfaConfiguration === 'ON' && f.mfaAvailable.length === 0 ? 'MFA_SETUP' : undefined),
  },
  {
    stage: 'mfa',
    ask: (f) => {
      if (mfaSkipped(f) || !mfaRequired(f) || f.mfaAvailable.length === 0) return undefined;
      if (f.mfaPreferred && f.mfaAvailable.includes(f.mfaPreferred)) return f.mfaPreferred;
      return f.mfaAvailable.length === 1 ? f.mfaAvailable[0] : 'SELECT_MFA_TYPE';
    },
  },
  { stage: 'device', ask: (f) => (f.knownDevice ? 'DEVICE_SRP_AUTH' : undefined) },
];

export function decideStandard(facts: StandardFacts): Decision {
  if (facts.phantom || !facts.done.includes('firstFactor')) {
    return { kind: 'fail', error: fail('NotAuthorizedException', messages.incorrectCredentials) };
  }
  for (const rule of standardStages) {
    if (facts.done.includes(rule.stage)) continue;
    const name = rule.ask(facts);
    if (name) return { kind: 'challenge', name };
  }
  return { kind: 'tokens' };
}
