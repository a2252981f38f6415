import { z } from 'zod';
import { provisionedLimit } from '../pools/provisioned-limits.ts';
import { limitDefinition } from './limit-shapes.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetProvisionedLimit.html

export default operation({
  name: 'GetProvisionedLimit',
  auth: 'signed',
  storedOnly: true,
  note: 'cognate throttles nothing.',
  input: z.object({ LimitDefinition: limitDefinition() }),
  async handler(req, { services }) {
    return { Limit: await provisionedLimit(services, req.LimitDefinition) };
  },
});
