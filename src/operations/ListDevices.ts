import { z } from 'zod';
import { shapes } from './shapes.ts';
import { deviceMembers, listDevicesPage } from './device-ops.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html

export default operation({
  name: 'ListDevices',
  auth: 'token',
  input: z.object({
    AccessToken: shapes.token(),
    Limit: deviceMembers.Limit,
    PaginationToken: deviceMembers.PaginationToken,
  }),
  async handler(req, { services, requestId, caller }) {
    const { pool, user } = caller;
    return listDevicesPage(services, pool, user, req, 'user', requestId);
  },
});
