import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { uploadImportFile, uploadSignature } from '../users/import-jobs.ts';
import type { Services } from '../services.ts';

/**
 * `PUT /_cognate/user-import/<pool>/<job>?X-Amz-Signature=…`: the PreSignedUrl of a user import
 * job, which takes the CSV file as an S3 pre-signed URL does (`curl -T users.csv -H
 * "x-amz-server-side-encryption:aws:kms" "$PRE_SIGNED_URL"`): any content type, 200 and an ETag
 * on success, S3-style XML errors otherwise.
 */

/** The largest CSV file Cognito takes. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

function s3Error(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return reply.code(status).header('content-type', 'application/xml').send(xml);
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function userImportUploadRoute(app: FastifyInstance, services: Services): void {
  app.put('/_cognate/user-import/:poolId/:jobId', { bodyLimit: MAX_FILE_BYTES }, async (request, reply) => {
    const { poolId, jobId } = request.params as { poolId: string; jobId: string };
    const signature = (request.query as Record<string, unknown>)['X-Amz-Signature'];
    if (typeof signature !== 'string' || !timingSafeEqual(sha256(signature), sha256(uploadSignature(services, poolId, jobId)))) {
      return s3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature does not match the URL of an import job.');
    }
    const pool = await services.stores.pools.get(poolId);
    const job = pool && (await services.stores.importJobs.get(poolId, jobId));
    if (!pool || !job) return s3Error(reply, 404, 'NoSuchKey', 'The import job does not exist.');
    const body = typeof request.body === 'string' ? request.body : '';
    // Text columns cannot hold U+0000, and no CSV file of users has it.
    if (body.includes('\u0000')) return s3Error(reply, 400, 'InvalidArgument', 'The file holds a NUL character.');
    if (!(await uploadImportFile(services, pool, job, body))) {
      return s3Error(reply, 403, 'AccessDenied', 'The import job no longer takes a file: it was started, or its URL expired.');
    }
    return reply
      .code(200)
      .header('etag', `"${createHash('md5').update(body, 'utf8').digest('hex')}"`)
      .send('');
  });
}
