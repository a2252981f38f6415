import { deviceType } from '../devices/devices.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { deviceMembers } from './device-ops.ts';
import { loadUserDevice } from '../devices/devices.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDevice.html

export default operation({
  name: 'GetDevice',
  auth: 'token',
  input: z.object({
    DeviceKey: deviceMembers.DeviceKey,
    // Optional in the model, but nothing else could say whose device it is.
    AccessToken: shapes.token(),
  }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    const device = await loadUserDevice(services, pool, user, req.DeviceKey, { rememberedOnly: true });
    return { Device: deviceType(device) };
  },
});
