import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { createRlsDb as rlsOverSession, type RlsOptions, type RlsTransaction } from './rls';
import type { SchemaDrizzle, SqlSession, SqlTransaction } from './session';
import { type DriverClient, drizzleOver, sessionOver } from './sql-session';

// `db` and `rlsDb`, as the seed documents them: one connection pool, opened from DATABASE_URL on
// first use (importing the package connects nothing, so a renderer-free backend, a script or a
// test decides when), and `createDb` / `createRlsDb` for any other client.

/** DATABASE_URL is missing or unusable. The message never repeats the URL (it may hold a password). */
export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUrlError';
  }
}

interface Connection {
  client: DriverClient;
  session: SqlSession;
}

let current: Connection | undefined;

/**
 * `postgres://` / `postgresql://` -> postgres.js; `pglite:<directory>` (or `pglite:memory`) ->
 * embedded PGlite, for local development and tests without a server.
 */
export function clientFromUrl(url: string | undefined): DriverClient {
  if (!url) {
    throw new DatabaseUrlError(
      'DATABASE_URL is not set. `db` and `rlsDb` from @repo/database connect to it on first use: set it to a PostgreSQL URL (postgres://user@host:5432/dbname) or pglite:<directory>.',
    );
  }
  if (url.startsWith('pglite:')) {
    const dir = url.slice('pglite:'.length);
    return dir === '' || dir === 'memory' ? new PGlite() : new PGlite(dir);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // No `cause`: Node's URL error keeps the whole input, password included.
    throw new DatabaseUrlError('DATABASE_URL is not a valid URL (expected postgres://user@host:5432/dbname or pglite:<directory>).');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseUrlError(`DATABASE_URL has the scheme "${parsed.protocol}"; expected postgres:, postgresql: or pglite:.`);
  }
  return postgres(url, { max: 10, onnotice: () => {} });
}

function connection(): Connection {
  if (!current) {
    const client = clientFromUrl(process.env.DATABASE_URL);
    current = { client, session: sessionOver(client) };
  }
  return current;
}

/**
 * A value that stands for the lazily opened connection's drizzle instance: every property read
 * opens the connection (once) and forwards to it, methods bound to the real instance.
 */
function lazyDrizzle(): SchemaDrizzle {
  return new Proxy({} as SchemaDrizzle, {
    get(_target, property) {
      const real = connection().session.drizzle;
      const value = Reflect.get(real, property, real);
      return typeof value === 'function' ? value.bind(real) : value;
    },
    has: (_target, property) => Reflect.has(connection().session.drizzle, property),
  });
}

/**
 * drizzle over postgres.js (or PGlite for a `pglite:` URL), with the whole schema so
 * `db.query.*` works. Connects on first use. It runs as the DATABASE_URL login, which owns the
 * tables and so bypasses RLS: use `rlsDb.rls(...)` for anything done on a user's behalf.
 */
export const db: SchemaDrizzle = lazyDrizzle();

/** Ends the pool behind `db` / `rlsDb` (scripts call it to exit); the next use reconnects. */
export async function closeDb(): Promise<void> {
  const closing = current;
  current = undefined;
  if (!closing) return;
  if (closing.client instanceof PGlite) await closing.client.close();
  else await closing.client.end();
}

/** drizzle with the package's schema over a postgres.js `Sql` or a PGlite instance. */
export function createDb(client: DriverClient): SchemaDrizzle {
  return drizzleOver(client);
}

function isSession(client: unknown): client is SqlSession {
  const c = client as Partial<SqlSession>;
  return typeof c?.transaction === 'function' && typeof c.query === 'function' && 'drizzle' in c && (c.kind === 'pglite' || c.kind === 'postgres');
}

/**
 * An rlsDb over another client: a postgres.js `Sql`, a PGlite instance, or a session that
 * already pairs drizzle with raw SQL on one connection (Warden's `Database`). One
 * implementation (rls.ts) behind all of them.
 */
export function createRlsDb<H extends SqlTransaction = SqlTransaction>(client: DriverClient | SqlSession<H>) {
  return rlsOverSession<H>(isSession(client) ? client : (sessionOver(client) as unknown as SqlSession<H>));
}

/**
 * The seed's `rlsDb.rls(userId, userRole, callback)` over `db`'s connection: one transaction,
 * role mapped (user -> authenticated, admin, support) and set transaction-locally, claims
 * `{ sub: userId, role: <mapped role> }` in request.jwt.claims; the callback gets the drizzle
 * transaction `tx`.
 */
export const rlsDb = {
  rls<T>(userId: string, userRole: string, callback: (tx: RlsTransaction<SqlTransaction>) => Promise<T>, options?: RlsOptions): Promise<T> {
    return rlsOverSession(connection().session).rls(userId, userRole, callback, options);
  },
};
