import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
// The relational schema object (tables, relations and the seed's alias names, in the order drizzle needs).
import { schema } from '@repo/database/relational';
import type { AppDrizzle, Database } from './driver';
import { postgresQueryable, rawClientOf } from './raw-client';
import type { ParsedUrl } from './url';
import { postgresSession } from './session';

/** Where to connect (the fields a URL carries) and how the pool behaves. */
export interface PostgresConfig extends ParsedUrl {
  /** PEM of a CA to trust for verify-full (a private CA); the system store otherwise. */
  sslRootCert?: string;
  /** Production connections open with default_transaction_read_only until unlocked. */
  readOnly?: boolean;
  statementTimeoutMs?: number;
  connectTimeoutSec?: number;
  max?: number;
  applicationName?: string;
}

/**
 * Every postgres.js option is set explicitly: it otherwise falls back to PGHOST, PGPASSWORD,
 * PGSSLMODE... from the environment, and a blank field must never be filled from there (CONN-06).
 */
export function postgresOptions(config: PostgresConfig): postgres.Options<Record<string, never>> {
  const password = config.password ?? '';
  return {
    host: config.host,
    port: config.port,
    user: config.user,
    database: config.database,
    // A function is truthy, so postgres.js never consults PGPASSWORD; it is also never logged.
    password: () => password,
    ssl: sslOption(config),
    max: config.max ?? 5,
    idle_timeout: 60,
    connect_timeout: config.connectTimeoutSec ?? 10,
    max_lifetime: 60 * 30,
    keep_alive: 30,
    // Allowed per connection, chosen per query (QueryOptions.prepare, off by default): a
    // connection-wide `false` makes postgres.js ignore the per-query choice and describe every
    // parameterized statement in an extra round trip. drizzle's builder sends unprepared queries.
    prepare: true,
    debug: false,
    fetch_types: true,
    backoff: (attempt: number) => Math.min(0.1 * 2 ** attempt, 5),
    target_session_attrs: undefined,
    onnotice: () => {},
    connection: {
      application_name: config.applicationName ?? 'warden',
      ...(config.readOnly ? { default_transaction_read_only: 'on' } : {}),
      ...(config.statementTimeoutMs ? { statement_timeout: String(config.statementTimeoutMs) } : {}),
    },
  } as postgres.Options<Record<string, never>>;
}

function sslOption(config: PostgresConfig): false | object {
  switch (config.sslmode) {
    case 'disable':
      return false;
    case 'require':
      // Encrypted but the certificate is not verified: the UI labels it "certificate not verified".
      return { rejectUnauthorized: false };
    case 'verify-full': {
      // postgres.js upgrades an existing socket, so Node knows the host only from here. SNI must
      // not carry an IP address (RFC 6066, DEP0123); the identity check still uses the host.
      const host = config.host;
      return {
        rejectUnauthorized: true,
        ...(isIP(host) === 0 ? { servername: host } : {}),
        checkServerIdentity: (_name: string, cert: PeerCertificate) => checkServerIdentity(host, cert),
        ...(config.sslRootCert ? { ca: config.sslRootCert } : {}),
      };
    }
  }
}

export async function openPostgres(config: PostgresConfig): Promise<Database & { sql: postgres.Sql }> {
  const sql = postgres(postgresOptions(config));
  const db = drizzle(sql, { schema }) as unknown as AppDrizzle;
  const raw = postgresQueryable(sql);
  return {
    kind: 'postgres',
    drizzle: db,
    sql,
    query: raw.query,
    transaction: (fn) => db.transaction(async (tx) => fn({ drizzle: tx as unknown as AppDrizzle, ...rawClientOf('postgres', tx) })),
    session: postgresSession(sql),
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
