/**
 * The one rule for handing a URL to the OS browser (`shell.openExternal`): https only, a real
 * host, no userinfo. Anything else (file:, javascript:, custom schemes such as ms-msdt: or
 * smb:, http:) can run code or leak credentials outside the sandbox. Beekeeper Studio's
 * `safeOpenExternal.ts` keeps the same shape: a pure predicate plus a single call site.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048) return false;
  // Control characters and whitespace are never part of a link we produced; WHATWG parsing
  // would silently strip some of them, which hides what the OS handler will actually receive.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return false;
  // Check the authority as written: WHATWG parsing "repairs" `https:///host` and drops an
  // empty `@`, so the parsed URL alone would approve strings we never meant to accept.
  const authority = /^https:\/\/([^/?#]*)/i.exec(url)?.[1];
  if (!authority || authority.includes('@')) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.hostname === '') return false;
  return true;
}
