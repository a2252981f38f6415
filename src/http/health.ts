import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';

/**
 * `GET /health`: 200 `{status: 'ok', database}` when the database answers, 503
 * `{status: 'unavailable', database}` when it does not (for load balancers and orchestrators).
 */
export function healthRoute(app: FastifyInstance, services: Services): void {
  app.get('/health', async (_request, reply) => {
    try {
      await services.database.ping();
      return reply.send({ status: 'ok', database: services.database.kind });
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: services.database.kind });
    }
  });
}
