import type { AddressInfo } from 'node:net';

/**
 * The URL clients are told to use when `--public-url` is not given: where the server listens.
 * A wildcard bind (`0.0.0.0`, `::`) is an address to listen on, not one to connect to, and an
 * issuer or JWKS URL naming it fails every token check, so the loopback address of the same
 * family stands in: it always reaches the server from its own machine, and from the host of a
 * container whose port is published (`docker run -p 9229:9229`), the usual reason to bind every
 * interface. The machine's hostname is not used: inside a container it is the container id,
 * which nothing outside resolves. Other machines need `--public-url`.
 */
export interface DefaultPublicUrl {
  url: string;
  /** Set when the bound address was a wildcard: the address that was replaced. */
  replacedWildcard: string | undefined;
}

const WILDCARDS: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '[::1]' };

export function defaultPublicUrl(scheme: 'http' | 'https', address: Pick<AddressInfo, 'address' | 'family' | 'port'>): DefaultPublicUrl {
  const loopback = WILDCARDS[address.address];
  if (loopback !== undefined) return { url: `${scheme}://${loopback}:${address.port}`, replacedWildcard: address.address };
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `${scheme}://${host}:${address.port}`, replacedWildcard: undefined };
}
