import { deviceType } from '../devices/devices.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { deviceMembers } from './device-ops.ts';
import { loadUserDevice } from '../devices/devices.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetDevice.html

export default operation({
  name: 'AdminGetDevice',
  auth: 'signed',
  input: z.object({ DeviceKey: deviceMembers.DeviceKey, UserPoolId: shapes.userPoolId(), Username: shapes.username() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    const device = await loadUserDevice(services, pool, user, req.DeviceKey);
    return { Device: deviceType(device) };
  },
});
