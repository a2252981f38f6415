import assert from 'node:assert/strict';
import {
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  type CreateUserPoolCommandInput,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import type { ClientConfig } from '../../src/domain/types.ts';
import { passwordAuth, signInSetup, type SignInSetup } from './auth.ts';
import { messagesFor } from './fixtures.ts';
import type { TestServer } from './server.ts';

/**
 * MFA fixtures shared by the SDK, acij and Amplify MFA tests: a pool offering chosen factors, a
 * user with chosen factors turned on (enrolled over the API, the way an app does it), and codes
 * as the user would read them (the outbox for SMS and email, an authenticator app for TOTP).
 */

export type Factor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
export const FACTORS: readonly Factor[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];

export const PHONE = '+14325551212';
export const EMAIL = 'alice@example.com';
/** What CODE_DELIVERY_DESTINATION shows for {@link PHONE} and {@link EMAIL}. */
export const MASKED = { SMS_MFA: '+*******1212', EMAIL_OTP: 'a***@e***' } as const;
export const MEDIUM = { SMS_MFA: 'SMS', EMAIL_OTP: 'EMAIL' } as const;
/** The ChallengeResponses key that carries each factor's code. */
export const CODE_KEY = { SMS_MFA: 'SMS_MFA_CODE', SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE' } as const;

export const SMS_TEMPLATE = 'Your sign-in code is {####}';
export const EMAIL_TEMPLATE = 'Your email sign-in code is {####}.';
export const EMAIL_SUBJECT = 'Sign-in code';

const SNS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms', ExternalId: 'ext-1' };

/** The SetUserPoolMfaConfig blocks that make the pool offer `factors`. */
export function factorBlocks(factors: readonly Factor[]): Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId' | 'MfaConfiguration'> {
  return {
    ...(factors.includes('SMS_MFA') ? { SmsMfaConfiguration: { SmsAuthenticationMessage: SMS_TEMPLATE, SmsConfiguration: SNS } } : {}),
    ...(factors.includes('SOFTWARE_TOKEN_MFA') ? { SoftwareTokenMfaConfiguration: { Enabled: true } } : {}),
    ...(factors.includes('EMAIL_OTP') ? { EmailMfaConfiguration: { Message: EMAIL_TEMPLATE, Subject: EMAIL_SUBJECT } } : {}),
  };
}

export function setPoolMfa(server: TestServer, poolId: string, mode: 'ON' | 'OPTIONAL' | 'OFF', factors: readonly Factor[]) {
  return server.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: mode, ...(mode === 'OFF' ? {} : factorBlocks(factors)) }));
}

/** What an authenticator app shows for `secret` at the server's current time. */
export const totpCode = (server: TestServer, secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: server.clock.now() + offsetMs });

/**
 * The code of the next 30-second step: still accepted (one step of tolerance), and never the code
 * of the current step, so it serves once more without moving the clock.
 */
export const nextTotp = (server: TestServer, secret: string) => totpCode(server, secret, 30_000);

/** Moves the clock to one second into a fresh 30-second step: a TOTP code of an earlier step is then a past one. */
export function alignClock(server: TestServer): void {
  server.clock.advance(30_000 - (server.clock.now() % 30_000) + 1_000);
}

/** A six-digit code that is not `code`. */
export const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** A six-digit code no TOTP step the server accepts now (the current one and its neighbours) would show. */
export function wrongTotp(server: TestServer, secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(server, secret, d)));
  let code = '000000';
  while (valid.has(code)) code = otherCode(code);
  return code;
}

export interface MfaUser extends SignInSetup {
  /** The base32 TOTP secret, when the user enrolled one. */
  secret?: string;
}

export interface MfaUserOptions {
  /** The pool's MfaConfiguration at the end of the setup. */
  mode: 'ON' | 'OPTIONAL' | 'OFF';
  /** The factors the pool offers (all three unless told). */
  offered?: readonly Factor[];
  /** The factors the user turns on (AdminSetUserMFAPreference; TOTP enrolled first). */
  enable?: readonly Factor[];
  preferred?: Factor;
  attributes?: Record<string, string>;
  pool?: Partial<CreateUserPoolCommandInput>;
  client?: ClientConfig;
  username?: string;
  /** TOTP device name given to VerifySoftwareToken. */
  friendlyName?: string;
  /**
   * Move the clock to a fresh TOTP step at the end (default true). Tests driving acij or Amplify
   * pass false: those clients sign SRP with the real time, which must stay within minutes of the
   * server's; they use {@link nextTotp} instead.
   */
  align?: boolean;
}

/**
 * A pool, a client and a user with email and phone_number, with MFA as told. The user's factors
 * are turned on while the pool is OPTIONAL (so enrolling TOTP can sign in without MFA), then the
 * pool gets its final mode. The clock ends one second into a fresh TOTP step (unless told not to),
 * so a test's first code is never the one used to enrol.
 */
export async function mfaUser(server: TestServer, options: MfaUserOptions): Promise<MfaUser> {
  const offered = options.offered ?? FACTORS;
  const enable = options.enable ?? [];
  const s = await signInSetup(server, {
    pool: options.pool,
    client: options.client,
    username: options.username,
    attributes: options.attributes ?? { email: EMAIL, email_verified: 'true', phone_number: PHONE, phone_number_verified: 'true' },
  });
  const enrolFactors = [...new Set([...offered, ...enable])];
  await setPoolMfa(server, s.poolId, 'OPTIONAL', enrolFactors);
  let secret: string | undefined;
  if (enable.includes('SOFTWARE_TOKEN_MFA')) {
    const out = await passwordAuth(server, s, s.username, s.password);
    const accessToken = out.AuthenticationResult?.AccessToken;
    assert.ok(accessToken, 'a user without factors signs in without MFA');
    const { SecretCode } = await server.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    secret = SecretCode!;
    const verified = await server.sdk.send(
      new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(server, secret), FriendlyDeviceName: options.friendlyName }),
    );
    assert.equal(verified.Status, 'SUCCESS');
  }
  if (enable.length > 0) {
    const setting = (f: Factor) => (enable.includes(f) ? { Enabled: true, PreferredMfa: options.preferred === f } : undefined);
    await server.sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: s.poolId,
        Username: s.username,
        SMSMfaSettings: setting('SMS_MFA'),
        SoftwareTokenMfaSettings: setting('SOFTWARE_TOKEN_MFA'),
        EmailMfaSettings: setting('EMAIL_OTP'),
      }),
    );
  }
  await setPoolMfa(server, s.poolId, options.mode, offered);
  if (options.align !== false) alignClock(server);
  return { ...s, ...(secret ? { secret } : {}) };
}

/** The newest message sent to the user, checked to have gone by `channel` for sign-in MFA. */
export async function lastMessage(server: TestServer, s: { poolId: string; username: string }, channel: 'SMS' | 'EMAIL') {
  const messages = await messagesFor(server, s.poolId, s.username);
  const last = messages.at(-1);
  assert.ok(last, `no message was sent to ${s.username}`);
  assert.equal(last.channel, channel);
  assert.ok(last.code, 'the message carries a code');
  return last as typeof last & { code: string };
}

/** The code the user would type for `factor` now: from the outbox, or from the authenticator app. */
export async function codeFor(server: TestServer, s: MfaUser, factor: Factor): Promise<string> {
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    assert.ok(s.secret, 'the user has a TOTP secret');
    return totpCode(server, s.secret);
  }
  return (await lastMessage(server, s, factor === 'SMS_MFA' ? 'SMS' : 'EMAIL')).code;
}

/** A code for `factor` that is certainly wrong now. */
export async function wrongCodeFor(server: TestServer, s: MfaUser, factor: Factor): Promise<string> {
  if (factor === 'SOFTWARE_TOKEN_MFA') return wrongTotp(server, s.secret!);
  return otherCode(await codeFor(server, s, factor));
}

/** How many messages the outbox holds for the user. */
export async function messageCount(server: TestServer, s: { poolId: string; username: string }): Promise<number> {
  return (await messagesFor(server, s.poolId, s.username)).length;
}

/** A JWT's payload. */
export const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
