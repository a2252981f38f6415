import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';

/**
 * Whether `request` may read `/metrics`. The counters name operations, flows and error names,
 * never users or secrets, so anyone who reaches the port may read them today.
 * TODO(production): with `--production`, require admin authentication here (the same
 * credentials as signed admin calls); the coordinator wires it.
 */
export function metricsAllowed(_request: FastifyRequest, _services: Services): boolean {
  return true;
}

/** `GET /metrics`: the server's counters in Prometheus' text format (src/metrics.ts). */
export function metricsRoute(app: FastifyInstance, services: Services): void {
  app.get('/metrics', async (request, reply) => {
    if (!metricsAllowed(request, services)) return reply.code(403).send({ status: 'forbidden', message: 'Reading /metrics needs admin credentials.' });
    const { text, contentType } = await services.metrics.render();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(text);
  });
}
