import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { createImportJob, describeImportJob } from '../users/import-jobs.ts';
import { operation } from './operation.ts';
import { enumOf, shapes, str } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserImportJob.html

export default operation({
  name: 'CreateUserImportJob',
  auth: 'signed',
  note: 'PasswordHashingAlgorithm is stored: password hashes are not imported, users are imported to reset their passwords.',
  input: z.object({
    JobName: str({ min: 1, max: 128, pattern: /[\w\s+=,.@-]+/ }),
    UserPoolId: shapes.userPoolId(),
    CloudWatchLogsRoleArn: shapes.arn(),
    // Stored and returned: cognate imports no password hashes, its users are imported to reset their passwords.
    PasswordHashingAlgorithm: enumOf(['BCRYPT', 'SCRYPT', 'ARGON2ID', 'PBKDF2_SHA256']).optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const job = await createImportJob(services, pool, req.JobName, req.CloudWatchLogsRoleArn, req.PasswordHashingAlgorithm);
    return { UserImportJob: describeImportJob(services, job) };
  },
});
