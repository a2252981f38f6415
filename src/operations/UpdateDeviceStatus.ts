import { setDeviceStatus } from '../devices/devices.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { deviceMembers } from './device-ops.ts';
import { loadUserDevice } from '../devices/devices.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateDeviceStatus.html

export default operation({
  name: 'UpdateDeviceStatus',
  auth: 'token',
  input: z.object({
    AccessToken: shapes.token(),
    DeviceKey: deviceMembers.DeviceKey,
    DeviceRememberedStatus: deviceMembers.DeviceRememberedStatus,
  }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    const device = await loadUserDevice(services, pool, user, req.DeviceKey);
    // The status is optional in the model: without one there is nothing to change.
    if (req.DeviceRememberedStatus !== undefined) await setDeviceStatus(services, device, req.DeviceRememberedStatus);
    return {};
  },
});
