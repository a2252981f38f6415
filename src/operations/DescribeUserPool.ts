import { poolArn } from '../domain/ids.ts';
import { passwordPolicyOf, schemaOf } from '../domain/pool.ts';
import type { UserPool } from '../domain/types.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import type { Services } from '../services.ts';
import { loadPool } from './lookup.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html

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

export default operation({
  name: 'DescribeUserPool',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const count = await services.stores.users.count(pool.id);
    return { UserPool: describePool(services, pool, count) };
  },
});
