import { shapes, z } from '../protocol/shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { deviceMembers, listDevicesPage } from './device-ops.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html

export default operation({
  name: 'ListDevices',
  input: z.object({
    AccessToken: shapes.token(),
    Limit: deviceMembers.Limit,
    PaginationToken: deviceMembers.PaginationToken,
  }),
  async handler(req, { services, requestId }) {
    const { pool, user } = await authenticate(services, req.AccessToken);
    return listDevicesPage(services, pool, user, req, 'user', requestId);
  },
});
