import { APP_ORIGIN } from './trusted-sender';

/**
 * Whether a navigation target is one of our own pages: same scheme and host as one of the
 * allowed origins (`app://warden` in production; the Vite dev server origin in development).
 * Compared by scheme + host because `URL.origin` is "null" for custom schemes.
 */
export function isAppUrl(url: unknown, allowedOrigins: readonly string[] = [APP_ORIGIN]): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  const origin = `${parsed.protocol}//${parsed.host}`;
  return allowedOrigins.includes(origin);
}
