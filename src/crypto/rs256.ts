import { type KeyObject, sign } from 'node:crypto';

/** An RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signature of `input`. */
export type Rs256 = (input: Buffer, key: KeyObject) => Promise<Buffer>;

/**
 * RS256 signing, on libuv's thread pool (`offThread`: node:crypto's `sign` with a callback, which
 * holds the event loop a few microseconds) or on the calling thread. Off the thread pays a
 * hand-over and a thread switch per signature: worth it only where another core can take the
 * work; a process with one core to itself signs faster on its event loop (docs/performance.md).
 */
export function rs256(offThread: boolean): Rs256 {
  if (!offThread) return async (input, key) => sign('sha256', input, key);
  return (input, key) =>
    new Promise((resolve, reject) => {
      sign('sha256', input, key, (error, signature) => {
        if (error) reject(error);
        else resolve(signature);
      });
    });
}
