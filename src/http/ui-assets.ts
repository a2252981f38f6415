import type { FastifyInstance } from 'fastify';
import { uiLogo } from '../pools/ui-customization.ts';
import type { Services } from '../services.ts';

/**
 * `GET /_cognate/ui/<pool>/<client or ALL>/<version>/logo`: the logo SetUICustomization stored,
 * at the ImageUrl GetUICustomization answers. The version in the path changes with every update,
 * so the image can be cached for good.
 */
export function uiAssetsRoute(app: FastifyInstance, services: Services): void {
  app.get('/_cognate/ui/:poolId/:key/:version/logo', async (request, reply) => {
    const { poolId, key, version } = request.params as { poolId: string; key: string; version: string };
    const logo = await uiLogo(services, poolId, key, version);
    if (!logo) return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('No such image.');
    return reply.header('content-type', logo.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(logo.bytes);
  });
}
