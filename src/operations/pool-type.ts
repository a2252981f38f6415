import { poolArn } from '../domain/ids.ts';
import { passwordPolicyOf, schemaOf } from '../domain/pool.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** UserPoolType: the stored settings with Cognito's defaults filled in, plus computed members. */
export function describePool(services: Services, pool: UserPool, estimatedUsers: number): Record<string, unknown> {
  const c = pool.config;
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: poolArn(services.config.region, pool.id),
    CreationDate: seconds(pool.createdAt),
    LastModifiedDate: seconds(pool.updatedAt),
    ...c,
    Policies: { ...c.Policies, PasswordPolicy: passwordPolicyOf(pool) },
    DeletionProtection: c.DeletionProtection ?? 'INACTIVE',
    LambdaConfig: c.LambdaConfig ?? {},
    SchemaAttributes: schemaOf(c),
    Schema: undefined,
    MfaConfiguration: c.MfaConfiguration ?? 'OFF',
    EstimatedNumberOfUsers: estimatedUsers,
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7, ...c.AdminCreateUserConfig },
    VerificationMessageTemplate: {
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
      ...(c.EmailVerificationMessage ? { EmailMessage: c.EmailVerificationMessage } : {}),
      ...(c.EmailVerificationSubject ? { EmailSubject: c.EmailVerificationSubject } : {}),
      ...(c.SmsVerificationMessage ? { SmsMessage: c.SmsVerificationMessage } : {}),
      ...c.VerificationMessageTemplate,
    },
    EmailConfiguration: c.EmailConfiguration ?? { EmailSendingAccount: 'COGNITO_DEFAULT' },
    UserPoolTags: c.UserPoolTags ?? {},
    UserPoolTier: c.UserPoolTier ?? 'ESSENTIALS',
  };
}
