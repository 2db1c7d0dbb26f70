import { parse as legacyParse } from 'node:url';

/**
 * Why a request target cannot be routed, or undefined when it can. restify parses `req.url` with the
 * legacy `url.parse` outside any try (an absolute-form target such as `http://[/x` throws there and
 * kills the process), and route parameters are percent-decoded later, and a target such as `//a@b` has no path at all for its
 * router, so all are checked up front.
 */
export function requestTargetProblem(target: string | undefined): string | undefined {
  if (!target) return 'the request target is empty';
  if (target.length > 8192) return 'the request target is too long';
  let pathname: string | null;
  try {
    pathname = legacyParse(target).pathname;
    new URL(target, 'http://localhost');
  } catch {
    return 'the request target is not a valid URL';
  }
  if (!target.startsWith('/') && target !== '*' && !/^https?:\/\//i.test(target)) return 'the request target must be a path';
  // `//user@host` parses as an authority with no path: restify's router asserts on the missing path.
  if (pathname === null || pathname === '') return 'the request target has no path';
  try {
    decodeURIComponent(pathname ?? '/');
  } catch {
    return 'the request path has invalid percent-encoding';
  }
  return undefined;
}
