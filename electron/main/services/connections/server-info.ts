import type { ServerInfo, SslMode } from '../../../../shared/ipc/contracts/connections';
import type { Database } from '../../db/driver';

const tlsLabels = {
  none: 'Not encrypted',
  verified: 'Encrypted — certificate verified',
  'not-verified': 'Encrypted — certificate not verified',
} as const;

/** What the server says about this session; TLS as the server reports it (pg_stat_ssl), labelled by sslmode. */
export async function readServerInfo(db: Database, sslmode?: SslMode): Promise<ServerInfo> {
  const { rows } = await db.query<{ version: string; current_user: string; db: string; ro: string }>(
    `select current_setting('server_version') as version, current_user, current_database() as db,
            current_setting('default_transaction_read_only') as ro`,
  );
  const row = rows[0]!;
  const info: ServerInfo = {
    serverVersion: `PostgreSQL ${row.version}${db.kind === 'pglite' ? ' (PGlite)' : ''}`,
    currentUser: row.current_user,
    database: row.db,
    readOnly: row.ro === 'on',
  };
  if (db.kind === 'postgres') {
    // Ask the server whether this very session is encrypted, rather than trusting the setting:
    // sslmode=require encrypts without checking who answers, so it is never "verified" (CONN-05).
    const ssl = await db.query<{ ssl: boolean | null }>('select ssl from pg_stat_ssl where pid = pg_backend_pid()');
    const encrypted = ssl.rows[0]?.ssl === true;
    info.tls = !encrypted ? 'none' : sslmode === 'verify-full' ? 'verified' : 'not-verified';
    info.tlsLabel = tlsLabels[info.tls];
  }
  return info;
}
