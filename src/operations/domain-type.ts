import { createHash } from 'node:crypto';
import type { UserPoolDomain } from '../domain/oauth.ts';

/**
 * The CloudFront host a custom domain's DNS alias would point at: stable per domain, shaped
 * like CloudFront's (there is no CloudFront here).
 */
export function cloudFrontDomain(domain: string): string {
  const digits = createHash('sha256').update(domain).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = 'd';
  for (let i = 0; i < 13; i++) id += alphabet[digits[i]! % alphabet.length];
  return `${id}.cloudfront.net`;
}

/** `yyyymmddhhmmss` of an instant (UTC), as a domain's Version. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** DomainDescriptionType, DescribeUserPoolDomain's answer. */
export function describeDomain(domain: UserPoolDomain, region: string): Record<string, unknown> {
  return {
    UserPoolId: domain.poolId,
    AWSAccountId: '000000000000',
    Domain: domain.domain,
    S3Bucket: `aws-cognito-prod-${region}-assets`,
    CloudFrontDistribution: cloudFrontDomain(domain.domain),
    Version: stamp(domain.updatedAt),
    Status: 'ACTIVE',
    ...(domain.customDomainConfig ? { CustomDomainConfig: domain.customDomainConfig } : {}),
    ManagedLoginVersion: domain.managedLoginVersion,
  };
}
