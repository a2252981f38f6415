import { deviceRememberedStatuses } from '../domain/device.ts';
import type { User, UserPool } from '../domain/types.ts';
import { deviceType, type DeviceView, listUserDevices } from '../devices/devices.ts';
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
  const page = await listUserDevices(services, pool, user, view, pageSize(req.Limit), after);
  const next = pageToken(services, scope, page.next);
  return { Devices: page.items.map((d) => deviceType(d)), ...(next !== undefined ? { PaginationToken: next } : {}) };
}
