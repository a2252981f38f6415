import { z } from 'zod';
import { poolOfArn, tagPool } from '../pools/tags.ts';
import { operation } from './operation.ts';
import { tagMap } from './pool-shapes.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TagResource.html

export default operation({
  name: 'TagResource',
  auth: 'signed',
  input: z.object({ ResourceArn: shapes.arn(), Tags: tagMap() }),
  async handler(req, { services }) {
    await tagPool(services, await poolOfArn(services, req.ResourceArn), req.Tags);
    return {};
  },
});
