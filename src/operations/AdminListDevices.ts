import { z } from 'zod';
import { shapes } from './shapes.ts';
import { deviceMembers, listDevicesPage } from './device-ops.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListDevices.html

export default operation({
  name: 'AdminListDevices',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    Limit: deviceMembers.Limit,
    PaginationToken: deviceMembers.PaginationToken,
  }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    return listDevicesPage(services, pool, user, req, 'admin', requestId);
  },
});
