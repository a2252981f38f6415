import { z } from 'zod';
import type { UpdatablePoolSetting } from '../pools/pool-settings.ts';
import { bool, enumOf, int, list, printable, shapes, str, text } from './shapes.ts';

/** Input shapes of the pool settings shared by CreateUserPool and UpdateUserPool (AWS model). */

/** UserPoolTagsType: tag keys 1..128, values 0..256 characters. */
export const tagMap = () => z.record(tagKey(), str({ max: 256 }));
export const tagKey = () => str({ min: 1, max: 128 });

const arn = shapes.arn;
const lambdaVersioned = (versions: readonly [string, ...string[]]) => z.object({ LambdaVersion: enumOf(versions), LambdaArn: arn() });

export const passwordPolicy = z.object({
  MinimumLength: int({ min: 6, max: 99 }).optional(),
  RequireUppercase: bool().optional(),
  RequireLowercase: bool().optional(),
  RequireNumbers: bool().optional(),
  RequireSymbols: bool().optional(),
  PasswordHistorySize: int({ min: 0, max: 24 }).optional(),
  TemporaryPasswordValidityDays: int({ min: 0, max: 365 }).optional(),
});

const lambdaConfig = z.object({
  PreSignUp: arn().optional(),
  CustomMessage: arn().optional(),
  PostConfirmation: arn().optional(),
  PreAuthentication: arn().optional(),
  PostAuthentication: arn().optional(),
  DefineAuthChallenge: arn().optional(),
  CreateAuthChallenge: arn().optional(),
  VerifyAuthChallengeResponse: arn().optional(),
  PreTokenGeneration: arn().optional(),
  UserMigration: arn().optional(),
  PreTokenGenerationConfig: lambdaVersioned(['V1_0', 'V2_0', 'V3_0']).optional(),
  CustomSMSSender: lambdaVersioned(['V1_0']).optional(),
  CustomEmailSender: lambdaVersioned(['V1_0']).optional(),
  KMSKeyID: arn().optional(),
  InboundFederation: lambdaVersioned(['V1_0']).optional(),
});

export const schemaAttribute = z.object({
  Name: str({ min: 1, max: 20, pattern: printable }),
  AttributeDataType: enumOf(['String', 'Number', 'DateTime', 'Boolean']).optional(),
  DeveloperOnlyAttribute: bool().optional(),
  Mutable: bool().optional(),
  Required: bool().optional(),
  NumberAttributeConstraints: z.object({ MinValue: text().optional(), MaxValue: text().optional() }).optional(),
  StringAttributeConstraints: z.object({ MinLength: text().optional(), MaxLength: text().optional() }).optional(),
});

const messageTemplate = z.object({
  SMSMessage: str({ min: 6, max: 140 }).optional(),
  EmailMessage: str({ min: 6, max: 20000 }).optional(),
  EmailSubject: str({ min: 1, max: 140 }).optional(),
});

const verifiedAttribute = enumOf(['phone_number', 'email']);

/** Members both CreateUserPool and UpdateUserPool accept. */
export const poolSettings = {
  Policies: z
    .object({
      PasswordPolicy: passwordPolicy.optional(),
      SignInPolicy: z
        .object({ AllowedFirstAuthFactors: list(enumOf(['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']), { min: 1, max: 4 }).optional() })
        .optional(),
    })
    .optional(),
  DeletionProtection: enumOf(['ACTIVE', 'INACTIVE']).optional(),
  LambdaConfig: lambdaConfig.optional(),
  AutoVerifiedAttributes: list(verifiedAttribute).optional(),
  SmsVerificationMessage: str({ min: 6, max: 140 }).optional(),
  EmailVerificationMessage: str({ min: 6, max: 20000 }).optional(),
  EmailVerificationSubject: str({ min: 1, max: 140 }).optional(),
  VerificationMessageTemplate: z
    .object({
      SmsMessage: str({ min: 6, max: 140 }).optional(),
      EmailMessage: str({ min: 6, max: 20000 }).optional(),
      EmailSubject: str({ min: 1, max: 140 }).optional(),
      EmailMessageByLink: str({ min: 6, max: 20000 }).optional(),
      EmailSubjectByLink: str({ min: 1, max: 140 }).optional(),
      DefaultEmailOption: enumOf(['CONFIRM_WITH_LINK', 'CONFIRM_WITH_CODE']).optional(),
    })
    .optional(),
  SmsAuthenticationMessage: str({ min: 6, max: 140 }).optional(),
  UserAttributeUpdateSettings: z.object({ AttributesRequireVerificationBeforeUpdate: list(verifiedAttribute).optional() }).optional(),
  MfaConfiguration: enumOf(['OFF', 'ON', 'OPTIONAL']).optional(),
  DeviceConfiguration: z.object({ ChallengeRequiredOnNewDevice: bool().optional(), DeviceOnlyRememberedOnUserPrompt: bool().optional() }).optional(),
  EmailConfiguration: z
    .object({
      SourceArn: arn().optional(),
      ReplyToEmailAddress: text().optional(),
      EmailSendingAccount: enumOf(['COGNITO_DEFAULT', 'DEVELOPER']).optional(),
      From: text().optional(),
      ConfigurationSet: str({ min: 1, max: 64 }).optional(),
    })
    .optional(),
  SmsConfiguration: z.object({ SnsCallerArn: arn(), ExternalId: text().optional(), SnsRegion: str({ min: 5, max: 32 }).optional() }).optional(),
  UserPoolTags: tagMap().optional(),
  AdminCreateUserConfig: z
    .object({
      AllowAdminCreateUserOnly: bool().optional(),
      UnusedAccountValidityDays: int({ min: 0, max: 365 }).optional(),
      InviteMessageTemplate: messageTemplate.optional(),
    })
    .optional(),
  UserPoolAddOns: z
    .object({
      AdvancedSecurityMode: enumOf(['OFF', 'AUDIT', 'ENFORCED']),
      AdvancedSecurityAdditionalFlows: z.object({ CustomAuthMode: enumOf(['AUDIT', 'ENFORCED']).optional() }).optional(),
    })
    .optional(),
  AccountRecoverySetting: z
    .object({
      RecoveryMechanisms: list(z.object({ Priority: int({ min: 1, max: 2 }), Name: enumOf(['verified_email', 'verified_phone_number', 'admin_only']) }), {
        min: 1,
        max: 2,
      }).optional(),
    })
    .optional(),
  PoolName: str({ min: 1, max: 128, pattern: /[\w\s+=,.@-]+/ }).optional(),
  UserPoolTier: enumOf(['LITE', 'ESSENTIALS', 'PLUS']).optional(),
} satisfies Record<UpdatablePoolSetting | 'PoolName', z.ZodType>;

/** Members only CreateUserPool accepts (immutable afterwards). */
export const poolCreationOnly = {
  AliasAttributes: list(enumOf(['phone_number', 'email', 'preferred_username'])).optional(),
  UsernameAttributes: list(enumOf(['phone_number', 'email'])).optional(),
  Schema: list(schemaAttribute, { min: 1, max: 50 }).optional(),
  UsernameConfiguration: z.object({ CaseSensitive: bool() }).optional(),
  EmailVerificationMessage: poolSettings.EmailVerificationMessage,
};

/** CreateUserPool's input (also what a pool of the --config seed file declares). */
export const createUserPoolInput = z.object({
  ...poolSettings,
  ...poolCreationOnly,
  PoolName: poolSettings.PoolName.unwrap(),
});
