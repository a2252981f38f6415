import { z } from 'zod';
import { shapes } from './shapes.ts';
import { deviceMembers } from './device-ops.ts';
import { forgetDevice, loadUserDevice } from '../devices/devices.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgetDevice.html

export default operation({
  name: 'ForgetDevice',
  auth: 'token',
  input: z.object({
    // Optional in the model, but nothing else could say whose device it is.
    AccessToken: shapes.token(),
    DeviceKey: deviceMembers.DeviceKey,
  }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    const device = await loadUserDevice(services, pool, user, req.DeviceKey);
    await forgetDevice(services, device);
    return {};
  },
});
