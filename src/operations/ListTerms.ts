import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { listTerms } from '../pools/terms.ts';
import { operation } from './operation.ts';
import { pageCursor, pageToken } from './page-token.ts';
import { int, shapes, text } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListTerms.html

export default operation({
  name: 'ListTerms',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages show them yet.',
  input: z.object({ UserPoolId: shapes.userPoolId(), MaxResults: int({ min: 1, max: 60 }).optional(), NextToken: text().optional() }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const scope = `terms:${pool.id}`;
    const page = await listTerms(services, pool, req.MaxResults ?? 60, pageCursor(services, scope, req.NextToken, requestId));
    return { Terms: page.terms, NextToken: pageToken(services, scope, page.next) };
  },
});
