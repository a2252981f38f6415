import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';

/**
 * `GET /ready`: whether this process can serve sign-ins now, for a load balancer's or an
 * orchestrator's readiness probe. 200 `{status: 'ready', database}` when the database answers and
 * has every migration this program needs; otherwise 503 `{status: 'unavailable', database,
 * reason}`. `/health` (http/health.ts) stays the lighter liveness check.
 */
export function readyRoute(app: FastifyInstance, services: Services): void {
  app.get('/ready', async (_request, reply) => {
    const database = services.database.kind;
    let pending: number;
    try {
      pending = await services.database.pendingMigrations();
    } catch {
      return reply.code(503).send({ status: 'unavailable', database, reason: 'the database cannot be reached' });
    }
    if (pending > 0) return reply.code(503).send({ status: 'unavailable', database, reason: `${pending} database migration(s) not applied` });
    return reply.send({ status: 'ready', database });
  });
}
