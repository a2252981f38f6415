import { findDevice } from '../../devices/devices.ts';
import type { Device } from '../../domain/device.ts';
import { askableMfaFactors, type MfaFactor } from '../../domain/mfa.ts';
import { deviceTrackingOn } from '../../domain/pool.ts';
import type { UserStatus } from '../../domain/types.ts';
import { fail, messages } from '../../errors.ts';
import type { IssuableChallenge, Stage } from '../../sessions/names.ts';
import type { AuthContext, Decision, Policy } from '../types.ts';

/**
 * The standard policy: after the first factor, the stages are asked in order and the first one
 * not yet satisfied that applies is the next challenge: NEW_PASSWORD_REQUIRED → MFA_SETUP → MFA
 * → device SRP → tokens. A remembered device presented in a pool with
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
  ask(facts: StandardFacts): IssuableChallenge | undefined;
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

/** The facts the standard policy decides on, read from the pool, the user and the session. */
async function standardFacts(ctx: AuthContext): Promise<StandardFacts> {
  const { services, pool, user, state } = ctx;
  let device: Device | undefined;
  if (user && state.deviceKey && deviceTrackingOn(pool)) {
    device = await findDevice(services, pool, user.username, state.deviceKey);
    // An unknown key presented at InitiateAuth is simply not used: the sign-in gets a new device.
    if (!device) delete state.deviceKey;
  }
  const mfa = user ? askableMfaFactors(pool, user) : { available: [], preferred: undefined };
  return {
    userStatus: user?.status ?? 'CONFIRMED',
    phantom: user === undefined,
    done: state.done,
    passwordFactor: state.firstFactor !== 'passwordless',
    mfaConfiguration: pool.config.MfaConfiguration ?? 'OFF',
    mfaAvailable: mfa.available,
    mfaPreferred: mfa.preferred,
    knownDevice: device !== undefined,
    deviceStandsInForMfa: device?.status === 'remembered' && pool.config.DeviceConfiguration?.ChallengeRequiredOnNewDevice === true,
  };
}

/** The standard policy of the password, SRP and admin flows (and what the others hand over to). */
export const standard: Policy = {
  name: 'standard',
  async decide(ctx) {
    const facts = await standardFacts(ctx);
    return { ...decideStandard(facts), why: { ...facts } };
  },
};
