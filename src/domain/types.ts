/**
 * The records the domain works with. Configuration documents keep Cognito's own member names
 * (PascalCase), so what DescribeUserPool / DescribeUserPoolClient return is what was stored.
 */

const userStatuses = ['UNCONFIRMED', 'CONFIRMED', 'FORCE_CHANGE_PASSWORD', 'RESET_REQUIRED', 'EXTERNAL_PROVIDER'] as const;
export type UserStatus = (typeof userStatuses)[number];

export interface SchemaAttribute {
  Name: string;
  AttributeDataType?: 'String' | 'Number' | 'DateTime' | 'Boolean';
  DeveloperOnlyAttribute?: boolean;
  Mutable?: boolean;
  Required?: boolean;
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
}

export interface PasswordPolicy {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
  PasswordHistorySize?: number;
  TemporaryPasswordValidityDays?: number;
}

/** A pool's configuration: the UserPoolType members that are settings (not computed). */
export interface PoolConfig {
  Policies?: { PasswordPolicy?: PasswordPolicy; SignInPolicy?: { AllowedFirstAuthFactors?: string[] } };
  DeletionProtection?: 'ACTIVE' | 'INACTIVE';
  LambdaConfig?: Record<string, unknown>;
  AutoVerifiedAttributes?: string[];
  AliasAttributes?: string[];
  UsernameAttributes?: string[];
  SmsVerificationMessage?: string;
  EmailVerificationMessage?: string;
  EmailVerificationSubject?: string;
  VerificationMessageTemplate?: Record<string, unknown>;
  SmsAuthenticationMessage?: string;
  UserAttributeUpdateSettings?: { AttributesRequireVerificationBeforeUpdate?: string[] };
  MfaConfiguration?: 'OFF' | 'ON' | 'OPTIONAL';
  DeviceConfiguration?: { ChallengeRequiredOnNewDevice?: boolean; DeviceOnlyRememberedOnUserPrompt?: boolean };
  EmailConfiguration?: Record<string, unknown>;
  SmsConfiguration?: Record<string, unknown>;
  UserPoolTags?: Record<string, string>;
  AdminCreateUserConfig?: {
    AllowAdminCreateUserOnly?: boolean;
    UnusedAccountValidityDays?: number;
    InviteMessageTemplate?: { SMSMessage?: string; EmailMessage?: string; EmailSubject?: string };
  };
  Schema?: SchemaAttribute[];
  UserPoolAddOns?: Record<string, unknown>;
  UsernameConfiguration?: { CaseSensitive?: boolean };
  AccountRecoverySetting?: { RecoveryMechanisms?: { Priority: number; Name: string }[] };
  UserPoolTier?: string;
  SmsMfaConfiguration?: Record<string, unknown>;
  SoftwareTokenMfaConfiguration?: { Enabled?: boolean };
  EmailMfaConfiguration?: { Message?: string; Subject?: string };
  WebAuthnConfiguration?: Record<string, unknown>;
}

export interface UserPool {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  config: PoolConfig;
}

export interface ClientConfig {
  RefreshTokenValidity?: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: { AccessToken?: string; IdToken?: string; RefreshToken?: string };
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  ExplicitAuthFlows?: string[];
  SupportedIdentityProviders?: string[];
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  AnalyticsConfiguration?: Record<string, unknown>;
  PreventUserExistenceErrors?: 'LEGACY' | 'ENABLED';
  EnableTokenRevocation?: boolean;
  EnablePropagateAdditionalUserContextData?: boolean;
  AuthSessionValidity?: number;
  RefreshTokenRotation?: { Feature?: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds?: number };
}

/** One active secret of a confidential app client (ClientSecretDescriptorType). */
export interface ClientSecret {
  /** `<client id>--<creation time in epoch ms>`, as Cognito forms ClientSecretId. */
  id: string;
  /** In clear here; sealed in storage. */
  value: string;
  createdAt: number;
}

export interface AppClient {
  clientId: string;
  poolId: string;
  name: string;
  /**
   * The active client secrets, oldest first: none for a public client, up to two while one is
   * rotated (AddUserPoolClientSecret). Each is accepted wherever a secret is checked.
   */
  secrets: ClientSecret[];
  createdAt: number;
  updatedAt: number;
  config: ClientConfig;
}

export interface StoredPassword {
  /** Hex of the SRP salt integer. */
  salt: string;
  /** Hex of the SRP verifier v = g^x mod N. */
  verifier: string;
}

export interface UserMfa {
  /** Legacy SetUserSettings MFAOptions (SMS only). */
  smsOptions?: boolean;
  smsEnabled?: boolean;
  totpEnabled?: boolean;
  emailEnabled?: boolean;
  preferred?: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
  /** Base32 TOTP secret, once verified (clear in memory; the whole mfa document is sealed at rest). */
  totpSecret?: string;
  totpFriendlyName?: string;
  /** Secret from AssociateSoftwareToken (AccessToken path), waiting for VerifySoftwareToken. */
  pendingTotpSecret?: string;
  [key: string]: unknown;
}

export interface User {
  poolId: string;
  /** The internal username: what tokens, USER_ID_FOR_SRP and responses carry. */
  username: string;
  sub: string;
  status: UserStatus;
  enabled: boolean;
  /** Attribute values, all strings, `sub` included. */
  attributes: Record<string, string>;
  /**
   * New email / phone number values held back until the user verifies them, in pools whose
   * UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate names them.
   */
  pendingAttributes?: Partial<Record<'email' | 'phone_number', string>>;
  password: StoredPassword | undefined;
  /** Earlier passwords, newest first, kept for the pool's PasswordHistorySize (the current one not included). */
  passwordHistory?: StoredPassword[];
  passwordSetAt: number | undefined;
  mfa: UserMfa;
  tokensValidAfter: number;
  createdAt: number;
  updatedAt: number;
}

export interface Group {
  poolId: string;
  name: string;
  description: string | undefined;
  roleArn: string | undefined;
  precedence: number | undefined;
  createdAt: number;
  updatedAt: number;
}

export type AliasKind = 'email' | 'phone_number' | 'preferred_username';

export interface Alias {
  kind: AliasKind;
  valueKey: string;
}

export interface OutboxMessage {
  id: string;
  poolId: string;
  username: string;
  /** `NONE`: the user had nowhere to send it (no email, no phone number); kept to be read locally. */
  channel: 'SMS' | 'EMAIL' | 'NONE';
  /** Empty when `channel` is `NONE`. */
  destination: string;
  subject: string | undefined;
  message: string;
  code: string | undefined;
  purpose: string;
  createdAt: number;
}

export interface Page<T> {
  items: T[];
  next: string | undefined;
}
