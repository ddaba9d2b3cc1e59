import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/driver';
import { openPostgres } from '../../db/postgres';
import { createFreshDatabase, type FreshDatabase, describeWithoutServer, testDatabaseUrl } from '../../db/test-databases';
import { waitFor } from '../../testing/app-harness';
import { startTcpProxy, type TcpProxy } from '../../testing/tcp-proxy';
import { ResilientDatabase } from './resilient-database';

const run = promisify(execFile);

/**
 * CONN-08: the postgres.js crash paths. #1208/#1133: a TypeError thrown from a timer after a
 * connection drops under a transaction; #1216: a dead transaction's callback keeps running and
 * its later statements land on the reconnected socket, in autocommit. Each is first shown to
 * happen with bare postgres.js (so the test really drives the failure), then shown contained
 * by the app's setup (process guard + ResilientDatabase).
 */
describe.runIf(testDatabaseUrl)('CONN-08: postgres.js crash paths', () => {
  let fresh: FreshDatabase;
  let proxy: TcpProxy;
  let admin: Database;
  const root = path.resolve(import.meta.dirname, '../../../..');
  const child = path.join(import.meta.dirname, '../../testing/fixtures/crash-paths-child.ts');

  beforeAll(async () => {
    fresh = await createFreshDatabase('warden_conn08');
    proxy = await startTcpProxy({ targetHost: fresh.config.host, targetPort: fresh.config.port });
    admin = await openPostgres({ ...fresh.config, max: 1 });
    await admin.query('create table writes (tag text not null)');
  }, 120_000);
  afterAll(async () => {
    await admin?.close();
    await proxy?.close();
    await fresh?.drop();
  });

  const count = async (tag: string) => Number((await admin.query<{ n: string }>('select count(*)::text as n from writes where tag = $1', [tag])).rows[0]?.n);

  it('CONN-08 (#1208): the sequence kills a bare postgres.js process; the app setup survives it and the same connection works again', async () => {
    const raw = await run(process.execPath, ['--import', 'tsx', child, fresh.url, 'raw'], { cwd: root, timeout: 60_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }),
    );
    expect(raw.code, 'control: bare postgres.js no longer crashes here (upstream fixed #1208?)').not.toBe(0);
    expect(raw.stderr).toMatch(/TypeError: Cannot read properties of null \(reading 'write'\)[\s\S]*nextWrite/);

    const { stdout } = await run(process.execPath, ['--import', 'tsx', child, fresh.url, 'app'], { cwd: root, timeout: 60_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { outcomes: string[]; fatals: string[]; after: unknown; states: string[] };
    expect(result.fatals).toEqual([]);
    // The terminated transaction fails as a typed network error; the ones under the proxy reset
    // either finished before it or fail the same way (never anything untyped).
    expect(result.outcomes[0]).toBe('network');
    for (const outcome of result.outcomes) expect(['ok', 'network']).toContain(outcome);
    expect(result.after).toBe(1);
    expect(result.states).toContain('reconnecting');
    expect(result.states.at(-1)).toBe('ready');
  });

  /** Runs the #1216 sequence: a transaction's callback outlives its dropped connection. */
  async function deadTransaction(db: Database, tag: string, afterDrop: () => Promise<unknown>) {
    let inserted = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const late: Record<string, string> = {};
    let callbackDone!: () => void;
    const done = new Promise<void>((resolve) => {
      callbackDone = resolve;
    });
    const tx = db
      .transaction(async (q) => {
        await q.query('insert into writes (tag) values ($1)', [`${tag}-A`]);
        inserted = true;
        await gate;
        try {
          await q.query('insert into writes (tag) values ($1)', [`${tag}-B`]);
          late.raw = 'sent';
        } catch {
          late.raw = 'rejected';
        }
        try {
          await q.drizzle.execute(sql`insert into writes (tag) values (${`${tag}-C`})`);
          late.drizzle = 'sent';
        } catch {
          late.drizzle = 'rejected';
        }
        callbackDone();
      })
      .then(
        () => 'committed',
        () => 'rejected',
      );
    await waitFor('first insert done', () => inserted);
    proxy.resetAll();
    expect(await tx).toBe('rejected');
    await afterDrop();
    release();
    await done;
    return { late, a: await count(`${tag}-A`), b: await count(`${tag}-B`), c: await count(`${tag}-C`) };
  }

  it('CONN-08 (#1216): with bare postgres.js, a dead transaction replays its later statements in autocommit (the leak)', async () => {
    const raw = await openPostgres({ ...fresh.config, host: '127.0.0.1', port: proxy.port, max: 1 });
    try {
      // The next pool query reconnects the very connection the dead transaction still holds.
      const result = await deadTransaction(raw, 'raw', () => raw.query('select 1'));
      expect(result.a).toBe(0);
      expect(result.b + result.c, 'control: postgres.js no longer replays dead transactions (upstream fixed #1216?)').toBeGreaterThan(0);
    } finally {
      await raw.close();
    }
  });

  it('CONN-08 (#1216): through ResilientDatabase nothing of the dead transaction reaches the server, and the connection recovers', async () => {
    const db = await ResilientDatabase.open({
      open: async () => {
        const g = await openPostgres({ ...fresh.config, host: '127.0.0.1', port: proxy.port, max: 1 });
        await g.query('select 1');
        return g;
      },
      onState: () => {},
      backoffMs: () => 50,
    });
    try {
      const result = await deadTransaction(db, 'app', () => db.query('select 1'));
      expect(result.late).toEqual({ raw: 'rejected', drizzle: 'rejected' });
      expect([result.a, result.b, result.c]).toEqual([0, 0, 0]);
      expect((await db.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
    } finally {
      await db.close();
    }
  });
});

if (!testDatabaseUrl) describeWithoutServer('CONN-08 crash paths [postgres]');
