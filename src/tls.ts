import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { ServerConfig } from './config/schema.ts';

/** What HTTPS is served with: PEM key and certificate, and where the certificate file is (for the start banner). */
export interface TlsMaterial {
  key: string;
  cert: string;
  certPath: string;
  /** Generated here (self-signed) rather than given. */
  selfSigned: boolean;
}

/**
 * The certificate of `--tls`: the one given (`--tls-cert`, `--tls-key`), or a self-signed one
 * generated once into `<data>/tls/` for `localhost`, `*.localhost`, the pools' local domain
 * aliases `*.auth.<region>.localhost`, `127.0.0.1` and `::1`, then reused at every start (trust
 * it once: `NODE_EXTRA_CA_CERTS=<data>/tls/cert.pem`, or a browser's certificate settings).
 */
export async function tlsMaterial(config: ServerConfig): Promise<TlsMaterial> {
  if (config.tlsCert !== undefined && config.tlsKey !== undefined) {
    return { key: readFileSync(config.tlsKey, 'utf8'), cert: readFileSync(config.tlsCert, 'utf8'), certPath: config.tlsCert, selfSigned: false };
  }
  const dir = join(config.data, 'tls');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    mkdirSync(dir, { recursive: true });
    const now = new Date();
    const pems = await generate([{ name: 'commonName', value: 'cognate local TLS' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - 86_400_000),
      // Within the 398 days browsers accept for a server certificate.
      notAfterDate: new Date(now.getTime() + 397 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 2, value: '*.localhost' },
            { type: 2, value: `*.auth.${config.region}.localhost` },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    });
    try {
      // The key first, exclusively: of two processes starting at once on one data folder, one writes.
      writeFileSync(keyPath, pems.private, { mode: 0o600, flag: 'wx' });
      writeFileSync(certPath, pems.cert, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath, selfSigned: true };
}
