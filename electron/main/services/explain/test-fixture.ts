import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../db/driver';
import { openPglite } from '../../db/pglite';
import { openPostgres } from '../../db/postgres';
import { quoteIdent } from '../../db/quote';
import { createFreshDatabase, type DriverContext, type FreshDatabase, testDatabaseUrl } from '../../db/test-databases';
import { parsePostgresUrl } from '../../db/url';
import { seedDemoData } from '@repo/database/seed';

/**
 * Each WHY- test changes the schema (drops a policy, disables RLS, revokes a grant), so each
 * gets its own copy of ONE migrated and seeded database: on the server a `CREATE DATABASE …
 * TEMPLATE`, on PGlite an in-memory instance loaded from the suite database's dump.
 */
export function seededClones(getDb: () => Database, ctx: DriverContext): () => Promise<Database> {
  let template: FreshDatabase | undefined;
  let dump: Blob | undefined;
  const opened: { db: Database; name?: string }[] = [];
  beforeAll(async () => {
    const db = getDb();
    await seedDemoData(db);
    if (ctx.kind === 'pglite') {
      dump = await (db as Database & { pglite: { dumpDataDir(c?: 'none'): Promise<Blob> } }).pglite.dumpDataDir('none');
      return;
    }
    // The suite's own database keeps its pool open; the template must have no connections.
    template = await createFreshDatabase('warden_why_tpl');
    await db.query(`select 1`);
    const source = ctx.config?.database ?? '';
    const admin = await openPostgres({ ...parsePostgresUrl(testDatabaseUrl ?? ''), max: 1 });
    try {
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [source]);
      await admin.query(`drop database ${quoteIdent(template.name)}`);
      await admin.query(`create database ${quoteIdent(template.name)} template ${quoteIdent(source)}`);
    } finally {
      await admin.close();
    }
  }, 240_000);
  afterAll(async () => {
    for (const o of opened) await o.db.close();
    if (ctx.kind === 'postgres' && testDatabaseUrl) {
      const admin = await openPostgres({ ...parsePostgresUrl(testDatabaseUrl), max: 1 });
      try {
        for (const o of opened) if (o.name) await admin.query(`drop database if exists ${quoteIdent(o.name)} with (force)`);
      } finally {
        await admin.close();
      }
    }
    await template?.drop();
  });
  return async () => {
    if (ctx.kind === 'pglite') {
      const db = await openPglite({ loadDataDir: dump });
      opened.push({ db });
      return db;
    }
    if (!template || !testDatabaseUrl) throw new Error('template not ready');
    const base = parsePostgresUrl(testDatabaseUrl);
    const name = `warden_why_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await openPostgres({ ...base, max: 1 });
    try {
      await admin.query(`create database ${quoteIdent(name)} template ${quoteIdent(template.name)}`);
    } finally {
      await admin.close();
    }
    const db = await openPostgres({ ...base, database: name, max: 3 });
    opened.push({ db, name });
    return db;
  };
}
