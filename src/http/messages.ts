import type { FastifyInstance } from 'fastify';
import { poolNotFound } from '../errors.ts';
import { sendError } from '../protocol/http.ts';
import { findUser } from '../users/find-user.ts';
import type { Services } from '../services.ts';
import { adminSignatureCheck } from './admin-signature.ts';

/**
 * `GET /_cognate/messages[?userPoolId=ID[&username=NAME]]`: what the outbox holds, oldest first,
 * so tests and developers can read codes and temporary passwords: every pool's messages, or one
 * pool's, or one user's. A pool that does not exist is an error, as the API's would be, so a
 * mistyped id is not mistaken for a pool with nothing sent. Open in local mode; in production
 * only a GET signed like an admin call is answered.
 */
export function messagesRoute(app: FastifyInstance, services: Services): void {
  const signed = adminSignatureCheck(services, 'GET /_cognate/messages');
  app.get('/_cognate/messages', async (request, reply) => {
    await signed(request);
    const q = request.query as Record<string, string | string[] | undefined>;
    const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
    const poolId = one(q.userPoolId) || undefined;
    const username = one(q.username) || undefined;
    let stored = username;
    if (poolId !== undefined) {
      const pool = await services.stores.pools.get(poolId);
      if (!pool) return sendError(reply, poolNotFound(poolId));
      // The name may be typed as an alias (email, phone); the outbox is keyed by the internal username.
      const user = username !== undefined ? await findUser(services, pool, username) : undefined;
      stored = user?.username ?? username;
    }
    const messages = await services.stores.outbox.listFor(poolId, stored);
    return reply.send({
      messages: messages.map((m) => ({
        userPoolId: m.poolId,
        username: m.username,
        channel: m.channel,
        ...(m.channel !== 'NONE' ? { destination: m.destination } : {}),
        ...(m.code !== undefined ? { code: m.code } : {}),
        ...(m.subject !== undefined ? { subject: m.subject } : {}),
        message: m.message,
        purpose: m.purpose,
        createdAt: new Date(m.createdAt).toISOString(),
      })),
    });
  });
}
