import type { ServerConfig } from './schema.ts';

/**
 * The one line `cognate serve` prints at start to say which posture it runs in, so nobody runs
 * the laptop defaults on a reachable host without being told.
 */
export function postureLine(config: ServerConfig): string {
  if (config.production) {
    return 'mode: production (admin calls and GET /_cognate/messages need an --admin-credentials signature; no codes in the log; delivered messages are blanked)';
  }
  const admin = config.adminCredentials === undefined ? 'admin calls accept any signature' : 'admin calls need an --admin-credentials signature';
  return `mode: local (${admin}; GET /_cognate/messages is open; codes and temporary passwords are logged) — use --production on a server others can reach`;
}
