import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../src/protocol/sigv4.ts';
import { adminKeyOf, type TestServer } from './server.ts';

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The SigV4 headers (less `host`, which fetch sets) of a GET of `url` signed like an admin call: service cognito-idp, `region`. */
export async function signedGetHeaders(url: string, region: string, key: AccessKey, now = Date.now()): Promise<Record<string, string>> {
  const u = new URL(url);
  const signer = new SignatureV4({ credentials: key, region, service: 'cognito-idp', sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: u.protocol,
      hostname: u.hostname,
      port: Number(u.port),
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      headers: { host: u.host },
    },
    { signingDate: new Date(now) },
  );
  const { host: _host, ...headers } = signed.headers as Record<string, string>;
  return headers;
}

/**
 * GET of one of cognate's own endpoints (`/_cognate/messages`): plain in local mode, signed like
 * an admin call with the server's admin key in production, as the server then requires.
 */
export async function cognateGet(server: TestServer, pathAndQuery: string): Promise<Response> {
  const url = new URL(pathAndQuery, server.url).toString();
  const headers = server.config.production ? await signedGetHeaders(url, server.config.region, adminKeyOf(server.config), server.clock.now()) : {};
  return fetch(url, { headers });
}
