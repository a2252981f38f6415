import { z } from 'zod';
import { enumOf, int, printable, shapes, str } from './shapes.ts';

/** Members of the user pool domain operations (AWS model). */

// The model's Domain pattern forbids dots, yet custom domains are host names: the prefix pattern
// is applied to prefix domains by pools/domains.ts instead.
export const domainName = () => str({ min: 1, max: 63, pattern: printable });

export const domainMembers = {
  ManagedLoginVersion: int().optional(),
  CustomDomainConfig: z
    .object({
      CertificateArn: shapes.arn(),
      SecurityPolicy: enumOf(['TLS_V1', 'TLS_V1_2_2021', 'TLS_V1_3_2025']).optional(),
    })
    .optional(),
};
