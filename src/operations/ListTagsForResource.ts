import { z } from 'zod';
import { poolOfArn, tagsOf } from '../pools/tags.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListTagsForResource.html

export default operation({
  name: 'ListTagsForResource',
  auth: 'signed',
  input: z.object({ ResourceArn: shapes.arn() }),
  async handler(req, { services }) {
    return { Tags: tagsOf(await poolOfArn(services, req.ResourceArn)) };
  },
});
