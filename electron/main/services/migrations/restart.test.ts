import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/driver';
import { openPostgres } from '../../db/postgres';
import { rejection, waitFor } from '../../testing/app-harness';
import { createPgCluster, type PgCluster, type StopMode } from '../../testing/pg-cluster';
import { type ProgressUpdate, applyMigrations } from './apply';
import { migrationLockHolder } from './lock';
import { catalogDigest, resetDatabase, writeMigrationFolder } from './test-fixtures';

/**
 * MIG-08 (server half): the server restarts, fast and immediate, while the migrator is in the
 * middle of its transaction. A throwaway cluster (never the shared server): nothing partial,
 * no lock left, and the next apply goes through.
 */
describe.runIf(process.platform === 'linux')('MIG-08: server restarted mid-run', () => {
  let cluster: PgCluster;
  const config = () => ({ host: '127.0.0.1', port: cluster.port, user: 'postgres', database: 'postgres', sslmode: 'disable' as const });

  beforeAll(async () => {
    cluster = await createPgCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  it.each(['fast', 'immediate'] as StopMode[])(
    'MIG-08: %s restart mid-run: typed error, schema and history as before, lock released, next apply works',
    async (mode) => {
      let observer: Database = await openPostgres({ ...config(), max: 2 });
      await resetDatabase(observer);
      const folder = await writeMigrationFolder([
        { tag: '0000_a', statements: ['CREATE TABLE "r1" ("id" int);'] },
        { tag: '0001_b', statements: ['CREATE TABLE "r2" ("id" int);', `SELECT pg_sleep(30) AS mig08_${mode};`, 'CREATE TABLE "r3" ("id" int);'] },
      ]);
      // The throwaway cluster runs with synchronous_commit off: make the starting state durable,
      // or an immediate stop could lose the setup itself rather than anything the migrator did.
      await observer.query('CHECKPOINT');
      const before = await catalogDigest(observer);
      const dedicated = await openPostgres({ ...config(), max: 1 });
      let sleeping = false;
      const onProgress = (e: ProgressUpdate) => {
        if (e.phase === 'statement' && e.excerpt?.includes('pg_sleep')) sleeping = true;
      };
      const failed = rejection(applyMigrations({ db: dedicated, observer, folder, onProgress }));
      await waitFor('the sleep running', async () => sleeping && Number(await cluster.psql(`select count(*) from pg_stat_activity where state = 'active' and query like '%mig08_${mode}%' and pid <> pg_backend_pid()`)) > 0);
      await cluster.restart(mode);
      const error = await failed;
      expect(error.kind).toBe('network');
      expect(error.message).toContain('0001_b.sql, statement 2 of 3');
      await dedicated.close().catch(() => undefined);
      await observer.close().catch(() => undefined);

      observer = await openPostgres({ ...config(), max: 2 });
      try {
        expect(await catalogDigest(observer)).toBe(before);
        expect(await migrationLockHolder(observer)).toBeNull();
        const fixed = await writeMigrationFolder([
          { tag: '0000_a', statements: ['CREATE TABLE "r1" ("id" int);'] },
          { tag: '0001_b', statements: ['CREATE TABLE "r2" ("id" int);'] },
        ]);
        expect((await applyMigrations({ db: observer, folder: fixed })).applied).toHaveLength(2);
      } finally {
        await observer.close();
      }
    },
    90_000,
  );
});
