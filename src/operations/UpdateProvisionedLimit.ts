import { z } from 'zod';
import { updateProvisionedLimit } from '../pools/provisioned-limits.ts';
import { limitDefinition } from './limit-shapes.ts';
import { operation } from './operation.ts';
import { int } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateProvisionedLimit.html

export default operation({
  name: 'UpdateProvisionedLimit',
  auth: 'signed',
  storedOnly: true,
  note: 'cognate throttles nothing.',
  input: z.object({ LimitDefinition: limitDefinition(), RequestedLimitValue: int({ min: 0, max: 2147483647 }) }),
  async handler(req, { services }) {
    return { Limit: await updateProvisionedLimit(services, req.LimitDefinition, req.RequestedLimitValue) };
  },
});
