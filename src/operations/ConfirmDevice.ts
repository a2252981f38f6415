import { deviceNotFound, readVerifierConfig } from '../devices/devices.ts';
import { fail } from '../errors.ts';
import { z } from 'zod';
import { shapes, str, text } from './shapes.ts';
import { deviceMembers } from './device-ops.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmDevice.html

export default operation({
  name: 'ConfirmDevice',
  auth: 'token',
  input: z.object({
    AccessToken: shapes.token(),
    DeviceKey: deviceMembers.DeviceKey,
    DeviceSecretVerifierConfig: z.object({ PasswordVerifier: text().optional(), Salt: text().optional() }).optional(),
    // No pattern: acij sends navigator.userAgent (spaces, parentheses, slashes).
    DeviceName: str({ min: 1, max: 1024 }).optional(),
  }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    const device = await services.stores.devices.get(pool.id, req.DeviceKey);
    if (!device || device.username !== user.username) throw deviceNotFound();
    const alreadyConfirmed = () => fail('DeviceKeyExistsException', 'Device key already exists.');
    // A second confirmation would let any holder of the user's access token re-key the device.
    if (device.verifier !== undefined) throw alreadyConfirmed();
    const { salt, verifier } = readVerifierConfig(req.DeviceSecretVerifierConfig);
    // "User opt-in": the device stays not_remembered until UpdateDeviceStatus says otherwise.
    const optIn = pool.config.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true;
    const confirmed = await services.stores.devices.confirm(pool.id, device.deviceKey, {
      salt,
      verifier,
      name: req.DeviceName,
      status: optIn ? 'not_remembered' : 'remembered',
      updatedAt: services.clock.now(),
    });
    if (!confirmed) throw alreadyConfirmed();
    return { UserConfirmationNecessary: optIn };
  },
});
