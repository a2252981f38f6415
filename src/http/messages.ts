import type { FastifyInstance } from 'fastify';
import { fail } from '../errors.ts';
import { sendError } from '../protocol/http.ts';
import { findUser } from '../users/find-user.ts';
import type { Services } from '../services.ts';
import { adminSignatureCheck } from './admin-signature.ts';

/**
 * `GET /_cognate/messages?userPoolId=ID&username=NAME`: what the outbox holds for a user (or the
 * whole pool), oldest first, so tests and developers can read codes. Open in local mode; in
 * production only a GET signed like an admin call is answered.
 */
export function messagesRoute(app: FastifyInstance, services: Services): void {
  const signed = adminSignatureCheck(services, 'GET /_cognate/messages');
  app.get('/_cognate/messages', async (request, reply) => {
    await signed(request);
    const q = request.query as Record<string, string | undefined>;
    if (!q.userPoolId) return sendError(reply, fail('InvalidParameterException', 'userPoolId is required.'));
    // The name may be typed as an alias (email, phone); the outbox is keyed by the internal username.
    const pool = await services.stores.pools.get(q.userPoolId);
    const user = pool && q.username !== undefined ? await findUser(services, pool, q.username) : undefined;
    const messages = await services.stores.outbox.listFor(q.userPoolId, user?.username ?? q.username);
    return reply.send({
      messages: messages.map((m) => ({
        channel: m.channel,
        destination: m.destination,
        ...(m.code !== undefined ? { code: m.code } : {}),
        ...(m.subject !== undefined ? { subject: m.subject } : {}),
        message: m.message,
        purpose: m.purpose,
        createdAt: new Date(m.createdAt).toISOString(),
      })),
    });
  });
}
