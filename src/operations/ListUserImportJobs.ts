import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { describeImportJob } from '../users/import-jobs.ts';
import { operation } from './operation.ts';
import { pageCursor, pageToken } from './page-token.ts';
import { int, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserImportJobs.html

export default operation({
  name: 'ListUserImportJobs',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), MaxResults: int({ min: 1, max: 60 }), PaginationToken: shapes.paginationToken().optional() }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const scope = `import-jobs:${pool.id}`;
    const page = await services.stores.importJobs.list(pool.id, req.MaxResults, pageCursor(services, scope, req.PaginationToken, requestId));
    return { UserImportJobs: page.items.map((job) => describeImportJob(services, job)), PaginationToken: pageToken(services, scope, page.next) };
  },
});
