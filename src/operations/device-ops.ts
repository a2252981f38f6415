import { type Device, deviceRememberedStatuses } from '../domain/device.ts';
import type { User, UserPool } from '../domain/types.ts';
import { deviceNotFound, deviceType, type DeviceView } from '../devices/devices.ts';
import { enumOf, shapes } from './shapes.ts';
import type { Services } from '../services.ts';
import { pageCursor, pageSize, pageToken } from './page-token.ts';

/** What the device operations share: member shapes, the lookup and the listing. */

export const deviceMembers = {
  DeviceKey: shapes.deviceKey(),
  DeviceRememberedStatus: enumOf(deviceRememberedStatuses).optional(),
  Limit: shapes.limit().optional(),
  PaginationToken: shapes.paginationToken().optional(),
};

/**
 * The user's device, or ResourceNotFoundException `Device does not exist.` Devices never
 * confirmed do not exist for any operation. The owner's GetDevice sees remembered devices only
 * (Cognito answers not found for a not_remembered one); updating and forgetting see them all.
 */
export async function loadUserDevice(
  services: Services,
  pool: UserPool,
  user: User,
  deviceKey: string,
  options: { rememberedOnly?: boolean } = {},
): Promise<Device> {
  const device = await services.stores.devices.get(pool.id, deviceKey);
  if (!device || device.verifier === undefined || device.username !== user.username) throw deviceNotFound();
  if (options.rememberedOnly && device.status !== 'remembered') throw deviceNotFound();
  return device;
}

/**
 * One page of a user's devices: the owner (ListDevices) sees the remembered ones, as in Cognito;
 * an administrator (AdminListDevices) every confirmed one.
 */
export async function listDevicesPage(
  services: Services,
  pool: UserPool,
  user: User,
  req: { Limit?: number; PaginationToken?: string },
  view: DeviceView,
  requestId: string,
): Promise<Record<string, unknown>> {
  // The sub, not the username: a token must not carry over to a new user of the same name.
  const scope = `${view === 'admin' ? 'AdminListDevices' : 'ListDevices'}:${pool.id}:${user.sub}`;
  const after = pageCursor(services, scope, req.PaginationToken, requestId);
  const page = await services.stores.devices.listForUser(pool.id, user.username, pageSize(req.Limit), after, view === 'user' ? 'remembered' : undefined);
  const next = pageToken(services, scope, page.next);
  return { Devices: page.items.map((d) => deviceType(d)), ...(next !== undefined ? { PaginationToken: next } : {}) };
}
