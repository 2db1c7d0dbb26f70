import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback addresses. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

/** True when a URL points at this machine (localhost or a loopback address). */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || isLoopbackAddress(host);
  } catch {
    return false;
  }
}

/** Headers a reverse proxy adds to name the real caller; any of them means the request came from elsewhere. */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/**
 * True only for a request made on this machine: a loopback peer address and no proxy header. Behind the
 * usual reverse proxy on the same host every internet caller arrives from 127.0.0.1, so a request
 * carrying `X-Forwarded-For`, `Forwarded` or `X-Real-IP` is treated as remote, whatever they say.
 */
export function isLocalRequest(remoteAddress: string | undefined, headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  return isLoopbackAddress(remoteAddress) && PROXY_HEADERS.every((name) => headers[name] === undefined);
}
