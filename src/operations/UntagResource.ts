import { z } from 'zod';
import { poolOfArn, untagPool } from '../pools/tags.ts';
import { operation } from './operation.ts';
import { tagKey } from './pool-shapes.ts';
import { list, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UntagResource.html

export default operation({
  name: 'UntagResource',
  auth: 'signed',
  input: z.object({ ResourceArn: shapes.arn(), TagKeys: list(tagKey()) }),
  async handler(req, { services }) {
    await untagPool(services, await poolOfArn(services, req.ResourceArn), req.TagKeys);
    return {};
  },
});
