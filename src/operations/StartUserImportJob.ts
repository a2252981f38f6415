import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { describeImportJob, startImportJob } from '../users/import-jobs.ts';
import { jobId } from './import-shapes.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartUserImportJob.html

export default operation({
  name: 'StartUserImportJob',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), JobId: jobId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { UserImportJob: describeImportJob(services, await startImportJob(services, pool, req.JobId)) };
  },
});
