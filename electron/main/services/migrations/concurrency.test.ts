import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../../shared/ipc/errors';
import { AppFailure } from '../../db/errors';
import { openPostgres } from '../../db/postgres';
import { createFreshDatabase, describeEachDriver, describeWithoutServer, testDatabaseUrl } from '../../db/test-databases';
import { type ProgressUpdate, applyMigrations } from './apply';
import { migrationLockHolder } from './lock';
import { readHistory } from './status';
import { catalogDigest, resetDatabase, writeMigrationFolder } from './test-fixtures';

const raceFolder = () =>
  writeMigrationFolder([
    { tag: '0000_table', statements: ['CREATE TABLE "runs" ("id" serial primary key, "note" text);'] },
    // A data migration: it must run exactly once however many migrators race.
    { tag: '0001_data', statements: [`INSERT INTO "runs" ("note") VALUES ('data');`, 'SELECT pg_sleep(0.3);'] },
    { tag: '0002_more', statements: ['ALTER TABLE "runs" ADD COLUMN "extra" int;'] },
  ]);

const failure = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppFailure);
    return (err as AppFailure).appError;
  }
  throw new Error('expected a failure');
};

type ChildResult = { ok: true; applied: string[] } | { ok: false; error: AppError };

function startChild(): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, 'migrate-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', () => resolve(child));
  });
}

function run(child: ChildProcess, message: object): Promise<ChildResult> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as ChildResult));
    child.send({ type: 'run', ...message });
  });
}

if (testDatabaseUrl) {
  describe('migrations across processes [postgres]', () => {
    let children: ChildProcess[] = [];
    beforeAll(async () => {
      children = await Promise.all([startChild(), startChild()]);
    }, 60_000);
    afterAll(() => {
      for (const c of children) c.send({ type: 'exit' });
    });

    it('MIG-02: two processes migrate the same database at once, 20 times: one applies, the other waits or names the holder; no duplicate history, data once', async () => {
      const folder = await raceFolder();
      let collisions = 0;
      for (let round = 0; round < 20; round++) {
        const fresh = await createFreshDatabase('warden_mig02');
        try {
          // Even rounds: both wait for the lock. Odd rounds: both refuse at once if it is held.
          const waitForLockMs = round % 2 === 0 ? 30_000 : 0;
          const results = await Promise.all(children.map((c) => run(c, { url: fresh.url, folder, waitForLockMs })));
          const appliedAll = results.filter((r) => r.ok && r.applied.length === 3);
          expect(appliedAll, JSON.stringify(results)).toHaveLength(1);
          const other = results.find((r) => r !== appliedAll[0])!;
          if (other.ok) {
            expect(other.applied).toEqual([]);
          } else {
            expect(other.error.code).toBe('migration_locked');
            expect(other.error.message, JSON.stringify(results)).toMatch(/held by pid \d+ since \d{4}-\d\d-\d\dT/);
            collisions++;
          }
          const db = await openPostgres({ ...fresh.config, max: 1 });
          try {
            const history = (await readHistory(db))!;
            expect(history).toHaveLength(3);
            expect(new Set(history.map((h) => h.hash)).size).toBe(3);
            expect((await db.query<{ n: string }>('select count(*)::text as n from "runs"')).rows[0]!.n).toBe('1');
            expect(await migrationLockHolder(db)).toBeNull();
          } finally {
            await db.close();
          }
        } finally {
          await fresh.drop();
        }
      }
      // Odd rounds start both at once against a 300 ms migration: the "holder" path must have been taken.
      expect(collisions).toBeGreaterThan(0);
    }, 300_000);
  });
} else {
  describeWithoutServer('MIG-02 migrations across processes [postgres]');
}

describeEachDriver('migration lock and interruption', (getDb, ctx) => {
  beforeEach(async () => {
    await resetDatabase(getDb());
  });

  it('MIG-02: two applies at once in one process: one applies, the other reports the holder or finds nothing left', async () => {
    const db = getDb();
    const folder = await raceFolder();
    const results = await Promise.allSettled([applyMigrations({ db, folder }), applyMigrations({ db, folder })]);
    const applied = results.filter((r) => r.status === 'fulfilled' && r.value.applied.length === 3);
    expect(applied).toHaveLength(1);
    const other = results.find((r) => r !== applied[0])!;
    if (other.status === 'rejected') expect((other.reason as AppFailure).appError.message).toMatch(/held by/);
    expect((await readHistory(db))!).toHaveLength(3);
    expect((await db.query<{ n: string }>('select count(*)::text as n from "runs"')).rows[0]!.n).toBe('1');
    // Waiting instead: the second runs after the first and finds nothing pending.
    await resetDatabase(db);
    const waited = await Promise.all([applyMigrations({ db, folder, waitForLockMs: 30_000 }), applyMigrations({ db, folder, waitForLockMs: 30_000 })]);
    expect(waited.map((w) => w.applied.length).sort()).toEqual([0, 3]);
    expect((await db.query<{ n: string }>('select count(*)::text as n from "runs"')).rows[0]!.n).toBe('1');
  });

  if (ctx.kind === 'postgres') {
    it('MIG-07: another session holds a lock: abort after lock_timeout naming the blocking pid', async () => {
      const db = getDb();
      await db.query('CREATE TABLE "busy" ("id" int)');
      const folder = await writeMigrationFolder([
        { tag: '0000_a', statements: ['CREATE TABLE "first" ("id" int);'] },
        { tag: '0001_b', statements: ['ALTER TABLE "busy" ADD COLUMN "x" int;'] },
      ]);
      const before = await catalogDigest(db);
      const blocker = await openPostgres({ ...ctx.config!, max: 1, applicationName: 'mig07-blocker' });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let blockerPid = 0;
      const locked = new Promise<void>((ready) => {
        void blocker.transaction(async (tx) => {
          blockerPid = Number((await tx.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid);
          await tx.query('LOCK TABLE "busy" IN ACCESS SHARE MODE');
          ready();
          await held;
        });
      });
      await locked;
      try {
        const error = await failure(applyMigrations({ db, folder, lockTimeoutMs: 1000 }));
        expect(error.code).toBe('55P03');
        expect(error.kind).toBe('timeout');
        expect(error.message).toContain('0001_b.sql, statement 1 of 1');
        expect(error.message).toContain(`held by pid ${blockerPid}`);
        expect(error.message).toContain('mig07-blocker');
      } finally {
        release();
        await blocker.close();
      }
      expect(await catalogDigest(db)).toBe(before);
      expect(await migrationLockHolder(db)).toBeNull();
    });

    it('MIG-08: the migrator connection killed mid-run: nothing partial, lock released, next apply works', async () => {
      const db = getDb();
      const folder = await writeMigrationFolder([
        { tag: '0000_a', statements: ['CREATE TABLE "k1" ("id" int);'] },
        { tag: '0001_b', statements: ['CREATE TABLE "k2" ("id" int);', 'SELECT pg_sleep(30);', 'CREATE TABLE "k3" ("id" int);'] },
      ]);
      const before = await catalogDigest(db);
      const killer = await openPostgres({ ...ctx.config!, max: 1 });
      // The migrator gets its own pool, as the service gives it one.
      const dedicated = await openPostgres({ ...ctx.config!, max: 1, applicationName: 'warden-migrator' });
      let killed: Promise<unknown> = Promise.resolve();
      const onProgress = (e: ProgressUpdate) => {
        if (e.phase === 'statement' && e.excerpt?.includes('pg_sleep')) {
          killed = (async () => {
            // Wait until the sleep is really running on the server, then terminate that backend.
            for (;;) {
              const { rows } = await killer.query<{ n: string }>(
                `select count(*)::text as n from pg_stat_activity where pid = $1 and state = 'active' and query like '%pg_sleep%'`,
                [e.backendPid],
              );
              if (rows[0]!.n === '1') break;
            }
            await killer.query('select pg_terminate_backend($1)', [e.backendPid]);
          })();
        }
      };
      try {
        const error = await failure(applyMigrations({ db: dedicated, observer: db, folder, onProgress }));
        await killed;
        expect(error.kind).toBe('network');
        expect(error.message).toContain('0001_b.sql, statement 2 of 3');
      } finally {
        await dedicated.close().catch(() => undefined);
      }
      expect(await catalogDigest(db)).toBe(before);
      expect(await migrationLockHolder(db)).toBeNull();
      await killer.close();
      const fixed = await writeMigrationFolder([
        { tag: '0000_a', statements: ['CREATE TABLE "k1" ("id" int);'] },
        { tag: '0001_b', statements: ['CREATE TABLE "k2" ("id" int);'] },
      ]);
      expect((await applyMigrations({ db, folder: fixed })).applied).toHaveLength(2);
    }, 60_000);
  } else {
    it('MIG-08 [pglite]: apply cancelled mid-run (no backend to kill in a single-session database): nothing partial, lock released', async () => {
      const db = getDb();
      const folder = await writeMigrationFolder([
        { tag: '0000_a', statements: ['CREATE TABLE "c1" ("id" int);', 'CREATE TABLE "c2" ("id" int);', 'CREATE TABLE "c3" ("id" int);'] },
      ]);
      const before = await catalogDigest(db);
      const controller = new AbortController();
      const error = await failure(
        applyMigrations({
          db,
          folder,
          signal: controller.signal,
          onProgress: (e) => {
            if (e.phase === 'statement' && e.statementIndex === 1) controller.abort();
          },
        }),
      );
      expect(error.kind).toBe('cancelled');
      expect(await catalogDigest(db)).toBe(before);
      expect(await migrationLockHolder(db)).toBeNull();
      expect((await applyMigrations({ db, folder })).applied).toHaveLength(1);
    });
  }
});
