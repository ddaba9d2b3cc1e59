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

/**
 * Parses `postgres://user:password@host:port/database?sslmode=...`. Nothing is taken from the
 * environment; every error names the field, and no message ever repeats the URL (it may hold
 * a password).
 */
export function parsePostgresUrl(text: string): ParsedUrl {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UrlError('Not a valid connection URL (expected postgres://user@host:port/database).', 'url');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UrlError('The URL must start with postgres:// or postgresql://.', 'url');
  }
  const host = decodeURIComponent(url.hostname).replace(/^\[|\]$/g, '');
  if (!host) throw new UrlError('The URL has no host.', 'host');
  const port = url.port ? Number(url.port) : 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UrlError('Port must be 1–65535.', 'port');
  const user = decodeURIComponent(url.username);
  if (!user) throw new UrlError('The URL has no user name.', 'user');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new UrlError('The URL has no database name.', 'database');
  const rawSsl = url.searchParams.get('sslmode') ?? 'disable';
  const ssl = rawSsl === 'prefer' || rawSsl === 'allow' ? 'disable' : rawSsl;
  const parsed = SslModeSchema.safeParse(ssl);
  if (!parsed.success) throw new UrlError('sslmode must be disable, require or verify-full.', 'sslmode');
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return { host, port, user, database, sslmode: parsed.data, ...(password !== undefined ? { password } : {}) };
}
