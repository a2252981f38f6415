import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideStandard, type StandardFacts } from '../src/auth/policies/standard.ts';

/** The standard policy as a table: (user, pool, device, history) → decision. */
const base: StandardFacts = {
  userStatus: 'CONFIRMED',
  phantom: false,
  done: ['firstFactor'],
  passwordFactor: true,
  mfaConfiguration: 'OFF',
  mfaAvailable: [],
  mfaPreferred: undefined,
  knownDevice: false,
  deviceStandsInForMfa: false,
};

const table: [string, Partial<StandardFacts>, string][] = [
  ['confirmed user, no MFA', {}, 'tokens'],
  ['first factor not passed', { done: [] }, 'fail NotAuthorizedException'],
  ['phantom user', { phantom: true }, 'fail NotAuthorizedException'],
  ['temporary password', { userStatus: 'FORCE_CHANGE_PASSWORD' }, 'challenge NEW_PASSWORD_REQUIRED'],
  ['new password given', { userStatus: 'FORCE_CHANGE_PASSWORD', done: ['firstFactor', 'newPassword'] }, 'tokens'],
  [
    'new password comes before MFA',
    { userStatus: 'FORCE_CHANGE_PASSWORD', mfaConfiguration: 'ON', mfaAvailable: ['SMS_MFA'] },
    'challenge NEW_PASSWORD_REQUIRED',
  ],
  ['known device', { knownDevice: true }, 'challenge DEVICE_SRP_AUTH'],
  ['known device proven', { knownDevice: true, done: ['firstFactor', 'device'] }, 'tokens'],
  ['MFA ON, nothing set up', { mfaConfiguration: 'ON' }, 'challenge MFA_SETUP'],
  ['MFA ON, setup done', { mfaConfiguration: 'ON', done: ['firstFactor', 'mfaSetup', 'mfa'] }, 'tokens'],
  ['MFA ON, SMS', { mfaConfiguration: 'ON', mfaAvailable: ['SMS_MFA'] }, 'challenge SMS_MFA'],
  ['MFA OPTIONAL, none turned on', { mfaConfiguration: 'OPTIONAL' }, 'tokens'],
  ['MFA OPTIONAL, TOTP', { mfaConfiguration: 'OPTIONAL', mfaAvailable: ['SOFTWARE_TOKEN_MFA'] }, 'challenge SOFTWARE_TOKEN_MFA'],
  ['MFA OFF ignores factors', { mfaConfiguration: 'OFF', mfaAvailable: ['SOFTWARE_TOKEN_MFA'] }, 'tokens'],
  ['two factors, none preferred', { mfaConfiguration: 'OPTIONAL', mfaAvailable: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] }, 'challenge SELECT_MFA_TYPE'],
  ['two factors, one preferred', { mfaConfiguration: 'OPTIONAL', mfaAvailable: ['SMS_MFA', 'EMAIL_OTP'], mfaPreferred: 'EMAIL_OTP' }, 'challenge EMAIL_OTP'],
  ['MFA answered', { mfaConfiguration: 'ON', mfaAvailable: ['SMS_MFA'], done: ['firstFactor', 'mfa'] }, 'tokens'],
  ['MFA before device SRP', { mfaConfiguration: 'ON', mfaAvailable: ['SMS_MFA'], knownDevice: true }, 'challenge SMS_MFA'],
  ['device SRP after MFA', { mfaConfiguration: 'ON', mfaAvailable: ['SMS_MFA'], knownDevice: true, done: ['firstFactor', 'mfa'] }, 'challenge DEVICE_SRP_AUTH'],
  [
    'remembered device stands in for MFA: device SRP at once',
    { mfaConfiguration: 'ON', mfaAvailable: ['SMS_MFA'], knownDevice: true, deviceStandsInForMfa: true },
    'challenge DEVICE_SRP_AUTH',
  ],
  [
    'remembered device proven: tokens, no MFA',
    { mfaConfiguration: 'ON', mfaAvailable: ['SMS_MFA'], knownDevice: true, deviceStandsInForMfa: true, done: ['firstFactor', 'device'] },
    'tokens',
  ],
  [
    'a device that does not stand in: MFA first',
    { mfaConfiguration: 'ON', mfaAvailable: ['SMS_MFA'], knownDevice: true, done: ['firstFactor'] },
    'challenge SMS_MFA',
  ],
  ['passwordless first factor: no MFA', { mfaConfiguration: 'ON', mfaAvailable: ['SMS_MFA'], passwordFactor: false }, 'tokens'],
];

for (const [name, facts, expected] of table) {
  test(`${name} → ${expected}`, () => {
    const d = decideStandard({ ...base, ...facts });
    const got = d.kind === 'challenge' ? `challenge ${d.name}` : d.kind === 'fail' ? `fail ${d.error.type}` : d.kind;
    assert.equal(got, expected);
  });
}
