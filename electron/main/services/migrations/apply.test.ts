import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { resolveMigrationsFolder, applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { AppFailure } from '../../db/errors';
import { describeEachDriver } from '../../db/test-databases';
import { type ProgressUpdate, applyMigrations } from './apply';
import { previewMigrations } from './preview';
import { readHistory } from './status';
import { catalogDigest, resetDatabase, writeMigrationFolder } from './test-fixtures';
import { readMigrationFolder } from './folder';

const execFileAsync = promisify(execFile);

const appError = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppFailure);
    return (err as AppFailure).appError;
  }
  throw new Error('expected a failure');
};

describeEachDriver('migrations apply', (getDb, ctx) => {
  beforeEach(async () => {
    await resetDatabase(getDb());
  });

  it('MIG-01: the second of two pending migrations fails: schema and history identical, error names file, statement and SQLSTATE', async () => {
    const db = getDb();
    const base = await writeMigrationFolder([{ tag: '0000_base', statements: ['CREATE TABLE "keep" ("id" int primary key);'] }]);
    await applyMigrations({ db, folder: base });
    const folder = await writeMigrationFolder([
      { tag: '0000_base', statements: ['CREATE TABLE "keep" ("id" int primary key);'] },
      { tag: '0001_ok', statements: ['CREATE TABLE "a" ("id" int);', 'ALTER TABLE "keep" ADD COLUMN "x" text;', 'INSERT INTO "keep" VALUES (1, \'x\');'] },
      { tag: '0002_bad', statements: ['CREATE TABLE "b" ("id" int);', 'ALTER TABLE "missing_table" ADD COLUMN "y" int;', 'CREATE TABLE "c" ("id" int);'] },
    ]);
    const before = await catalogDigest(db);
    const events: ProgressUpdate[] = [];
    const error = await appError(applyMigrations({ db, folder, onProgress: (e) => events.push(e) }));
    expect(error.code).toBe('42P01');
    expect(error.message).toContain('0002_bad.sql');
    expect(error.message).toContain('statement 2 of 3');
    expect(error.message).toContain('42P01');
    expect(error.detail).toContain('ALTER TABLE "missing_table"');
    expect(await catalogDigest(db)).toBe(before);
    expect((await db.query<{ n: string }>('select count(*)::text as n from "keep"')).rows[0]!.n).toBe('0');
    // Statements of both migrations did run before the failure (so the rollback is what restored the state).
    expect(events.filter((e) => e.phase === 'statement').map((e) => `${e.tag}#${e.statementIndex}`)).toEqual([
      '0001_ok#0',
      '0001_ok#1',
      '0001_ok#2',
      '0002_bad#0',
      '0002_bad#1',
    ]);
    // The lock was released: the next apply (without the bad file) goes through.
    const fixed = await writeMigrationFolder([
      { tag: '0000_base', statements: ['CREATE TABLE "keep" ("id" int primary key);'] },
      { tag: '0001_ok', statements: ['CREATE TABLE "a" ("id" int);'] },
    ]);
    expect((await applyMigrations({ db, folder: fixed })).applied.map((m) => m.tag)).toEqual(['0001_ok']);
  });

  it('MIG-03: a batch with a non-transactional statement is refused before anything runs, with a specific message', async () => {
    const db = getDb();
    const folder = await writeMigrationFolder([
      { tag: '0000_t', statements: ['CREATE TABLE "t" ("a" int);'] },
      { tag: '0001_idx', statements: ['CREATE INDEX CONCURRENTLY "t_a" ON "t" ("a");'] },
    ]);
    const before = await catalogDigest(db);
    const error = await appError(applyMigrations({ db, folder }));
    expect(error.kind).toBe('validation');
    expect(error.code).toBe('preflight_blocked');
    expect(error.message).toContain('0001_idx.sql statement 1');
    expect(error.message).toContain('CONCURRENTLY cannot run inside a transaction');
    expect(await catalogDigest(db)).toBe(before);
  });

  it('MIG-06: the dry-run preview equals what apply runs, and changes nothing', async () => {
    const db = getDb();
    const folder = await writeMigrationFolder([
      { tag: '0000_a', statements: ['CREATE TABLE "p" ("id" int);', '\nCREATE INDEX "p_id" ON "p" ("id");\n'] },
      { tag: '0001_b', statements: ['ALTER TABLE "p" ADD COLUMN "v" text;', 'DROP TABLE "p";'] },
    ]);
    const before = await catalogDigest(db);
    const preview = await previewMigrations(db, folder, 'test');
    expect(await catalogDigest(db)).toBe(before);
    expect(preview.blocked).toBe(false);
    expect(preview.findings.map((f) => `${f.severity}:${f.rule}:${f.tag}#${f.statementIndex}`)).toEqual(['warn:drop-table:0001_b#1']);
    const ran: string[] = [];
    const files = await readMigrationFolder(folder);
    await applyMigrations({
      db,
      folder,
      expectedHashes: preview.pendingHashes,
      onProgress: (e) => {
        if (e.phase === 'statement') ran.push(files.files.find((f) => f.tag === e.tag)!.statements[e.statementIndex!]!);
      },
    });
    expect(ran).toEqual(preview.migrations.flatMap((m) => m.statements.map((s) => s.sql)));
  });

  it('preview warns about locking a large table, from pg_class.reltuples', async () => {
    const db = getDb();
    await db.query('CREATE TABLE "big" ("id" int)');
    await db.query('INSERT INTO "big" SELECT generate_series(1, 120000)');
    await db.query('ANALYZE "big"');
    const folder = await writeMigrationFolder([{ tag: '0000_col', statements: ['ALTER TABLE "big" ADD COLUMN "note" text;', 'CREATE TABLE "small" ("id" int);'] }]);
    const preview = await previewMigrations(db, folder, 'test');
    expect(preview.findings).toEqual([expect.objectContaining({ severity: 'warn', rule: 'large-table-lock', tag: '0000_col', statementIndex: 0 })]);
    expect(preview.findings[0]!.message).toMatch(/big \(about 1\d\d,\d{3} rows\)/);
    expect(preview.blocked).toBe(false);
  });

  it('MIG-06: apply refuses when the batch differs from the one previewed', async () => {
    const db = getDb();
    const folder = await writeMigrationFolder([{ tag: '0000_a', statements: ['CREATE TABLE "q" ("id" int);'] }]);
    const error = await appError(applyMigrations({ db, folder, expectedHashes: ['something-else'] }));
    expect(error.code).toBe('migrations_changed');
    expect(await readHistory(db)).toBeNull();
  });

  it('records history exactly as drizzle does: its migrator afterwards finds nothing to run', async () => {
    const db = getDb();
    const folder = await writeMigrationFolder([
      { tag: '0000_a', statements: ['CREATE TABLE "once" ("id" serial primary key, "n" int);'] },
      { tag: '0001_data', statements: ['INSERT INTO "once" ("n") VALUES (1);'] },
    ]);
    const result = await applyMigrations({ db, folder });
    expect(result.verified).toBe(true);
    const files = await readMigrationFolder(folder);
    expect(await readHistory(db)).toEqual(files.files.map((f, i) => ({ id: i + 1, hash: f.hash, createdAt: f.when })));
    await applyMigrationsWithDrizzle(db, folder);
    expect((await db.query<{ n: string }>('select count(*)::text as n from "once"')).rows[0]!.n).toBe('1');
    expect((await readHistory(db))!.length).toBe(2);
  });

  it('MIG-04: an applied file edited is refused and named; changed line endings alone are not an edit', async () => {
    const db = getDb();
    const a = { tag: '0000_a', statements: ['CREATE TABLE "e" ("id" int);', 'CREATE TABLE "f" ("id" int);'] };
    const folder = await writeMigrationFolder([a]);
    await applyMigrations({ db, folder });
    await writeMigrationFolder([a, { tag: '0001_b', statements: ['CREATE TABLE "g" ("id" int);'] }], folder);
    const path = join(folder, '0000_a.sql');
    const original = await readFile(path, 'utf8');
    // CRLF only (a Windows checkout): still "applied", and the next migration goes through.
    await writeFile(path, original.replace(/\n/g, '\r\n'));
    expect((await applyMigrations({ db, folder })).applied.map((m) => m.tag)).toEqual(['0001_b']);

    await writeMigrationFolder([a, { tag: '0001_b', statements: ['CREATE TABLE "g" ("id" int);'] }, { tag: '0002_c', statements: ['CREATE TABLE "h" ("id" int);'] }], folder);
    await writeFile(path, original.replace('"f"', '"f2"'));
    const before = await catalogDigest(db);
    const error = await appError(applyMigrations({ db, folder }));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain('0000_a (modified)');
    expect(await catalogDigest(db)).toBe(before);
  });

  it('MIG-05: a migration drizzle would silently skip is flagged and refused until resolved', async () => {
    const db = getDb();
    await applyMigrations({
      db,
      folder: await writeMigrationFolder([{ tag: '0000_new', statements: ['CREATE TABLE "n" ("id" int);'], when: 1_800_000_000_000 }]),
    });
    const folder = await writeMigrationFolder([
      { tag: '0000_new', statements: ['CREATE TABLE "n" ("id" int);'], when: 1_800_000_000_000 },
      // A branch merged late: older journal time than what is applied.
      { tag: '0001_old', statements: ['CREATE TABLE "o" ("id" int);'], when: 1_700_000_000_000 },
    ]);
    const before = await catalogDigest(db);
    const error = await appError(applyMigrations({ db, folder }));
    expect(error.message).toContain('0001_old (would-skip)');
    expect(await catalogDigest(db)).toBe(before);
    // What drizzle itself does with it: nothing, silently.
    await applyMigrationsWithDrizzle(db, folder);
    expect(await catalogDigest(db)).toBe(before);
  });

  it('applies the repository migrations to an empty database, and drizzle agrees afterwards', async () => {
    const db = getDb();
    const folder = resolveMigrationsFolder();
    const files = await readMigrationFolder(folder);
    const result = await applyMigrations({ db, folder });
    expect(result.applied.map((m) => m.tag)).toEqual(files.files.map((f) => f.tag));
    expect(result.verified).toBe(true);
    const after = await catalogDigest(db);
    await applyMigrationsWithDrizzle(db, folder);
    expect(await catalogDigest(db)).toBe(after);
    if (ctx.url) {
      // drizzle-kit's own CLI against the same database: nothing left to run.
      await execFileAsync(join(process.cwd(), 'node_modules', '.bin', 'drizzle-kit'), ['migrate', '--config', 'drizzle.config.ts'], {
        cwd: process.cwd(),
        env: { ...process.env, DATABASE_URL: ctx.url },
        timeout: 60_000,
      });
      expect(await catalogDigest(db)).toBe(after);
    }
  }, 120_000);
});
