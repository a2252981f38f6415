import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { adminSignatureCheck } from './admin-signature.ts';

/**
 * `GET /metrics`: the server's counters in Prometheus' text format (src/metrics.ts). They name
 * operations, flows and error names, never users or secrets; still, in production only a GET
 * signed like an admin call is answered, as for the messages endpoint.
 */
export function metricsRoute(app: FastifyInstance, services: Services): void {
  const signed = adminSignatureCheck(services, 'GET /metrics');
  app.get('/metrics', async (request, reply) => {
    await signed(request);
    const { text, contentType } = await services.metrics.render();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(text);
  });
}
