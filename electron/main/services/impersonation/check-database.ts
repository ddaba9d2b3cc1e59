import type { Database } from '../../db/driver';
import { openPglite } from '../../db/pglite';
import { openPostgres } from '../../db/postgres';
import { parsePostgresUrl } from '../../db/url';

/** Where an exported check runs: the recorded connection, unless WARDEN_CHECK_DATABASE_URL says otherwise. */
export type CheckTarget =
  | { kind: 'postgres'; host: string; port: number; user: string; database: string }
  | { kind: 'pglite'; dataDir: string };

/**
 * Opens the database an exported check runs against. The password is never written into the
 * exported file: it comes from WARDEN_CHECK_PASSWORD. WARDEN_CHECK_DATABASE_URL (postgres://…)
 * points the check at another database, e.g. a CI copy seeded the same way.
 */
export async function openCheckDatabase(target: CheckTarget): Promise<Database> {
  const url = process.env.WARDEN_CHECK_DATABASE_URL;
  if (url) return openPostgres({ ...parsePostgresUrl(url), max: 2 });
  if (target.kind === 'pglite') return openPglite({ dataDir: target.dataDir });
  return openPostgres({
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
    password: process.env.WARDEN_CHECK_PASSWORD,
    sslmode: 'disable',
    max: 2,
  });
}
