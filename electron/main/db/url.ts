import { SslModeSchema, type SslMode } from '../../../shared/ipc/contracts/connections';

export interface ParsedUrl {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  sslmode: SslMode;
}

export class UrlError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** The authority of a postgres URL, read before `new URL` so a bad port is named as such. */
const authority = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?(\[[^\]/?#]*\]?|[^:/?#]*)(?::([^/?#]*))?/i;

/**
 * Parses `postgres://user:password@host:port/database?sslmode=...`. Nothing is taken from the
 * environment; every error starts with the field it is about ("port: must be 1–65535") and
 * carries it in `field`, and no message ever repeats the URL (it may hold a password).
 */
export function parsePostgresUrl(text: string): ParsedUrl {
  const trimmed = text.trim();
  if (!/^postgres(?:ql)?:\/\//i.test(trimmed)) {
    throw new UrlError('url: must start with postgres:// or postgresql:// (postgres://user@host:port/database).', 'url');
  }
  const parts = authority.exec(trimmed);
  const rawPort = parts?.[2];
  if (rawPort !== undefined && rawPort !== '' && !validPort(rawPort)) throw new UrlError('port: must be a number from 1 to 65535.', 'port');
  if (rawPort === '') throw new UrlError('port: is empty after ":"; give a number from 1 to 65535 or leave out the ":".', 'port');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    // The scheme and port were fine, so what the URL parser refused is the host.
    if (!parts?.[1]) throw new UrlError('host: missing (postgres://user@host:port/database).', 'host');
    throw new UrlError('host: not a valid host name or address.', 'host');
  }
  const host = decode(url.hostname, 'host').replace(/^\[|\]$/g, '');
  if (!host) throw new UrlError('host: missing (postgres://user@host:port/database).', 'host');
  const port = url.port ? Number(url.port) : 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UrlError('port: must be a number from 1 to 65535.', 'port');
  const user = decode(url.username, 'user');
  if (!user) throw new UrlError('user: missing (postgres://user@host/database).', 'user');
  const database = decode(url.pathname.replace(/^\//, ''), 'database');
  if (!database) throw new UrlError('database: missing (postgres://user@host/database).', 'database');
  const rawSsl = url.searchParams.get('sslmode') ?? 'disable';
  const ssl = rawSsl === 'prefer' || rawSsl === 'allow' ? 'disable' : rawSsl;
  const parsed = SslModeSchema.safeParse(ssl);
  if (!parsed.success) throw new UrlError('sslmode: must be disable, require or verify-full.', 'sslmode');
  const password = url.password ? decode(url.password, 'password') : undefined;
  return { host, port, user, database, sslmode: parsed.data, ...(password !== undefined ? { password } : {}) };
}

function validPort(text: string): boolean {
  return /^[0-9]{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}

/** Percent-decoding that names the field instead of throwing a bare URIError. */
function decode(text: string, field: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new UrlError(`${field}: has a malformed %-escape.`, field);
  }
}
