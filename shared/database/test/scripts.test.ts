import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshServerDatabase, type Target, testDatabaseUrl } from './databases';

// PKG-04: the README's workflow, as a backend developer runs it: on an EMPTY server database,
// `npm run db:migrate` (drizzle-kit) then `npm run db:seed` (plain Node, node --import tsx)
// give the demo data. Child processes from the repository root, configured only by DATABASE_URL.

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');

// The demo volumes at scale 1, as the seed modules define them (seed/users.ts: 4 well-known
// demo users + 56; names.ts: 5 organizations; blog.ts: 40 posts, 50 subscribers;
// engagement.ts: 50 tickets, 100 offline syncs, 80 waitlist entries; index.ts: 2,000 usage records).
const expected: Record<string, number> = {
  user: 60,
  organization: 5,
  blog_post: 40,
  blog_subscriber: 50,
  ticket: 50,
  offline_sync: 100,
  waitlist_entry: 80,
  usage_record: 2000,
};

const suite = testDatabaseUrl ? describe : describe.skip;
const reason = testDatabaseUrl ? '' : ' — skipped: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';

suite(`PKG-04: npm run db:migrate then npm run db:seed on an empty database give the demo data${reason}`, () => {
  let target: Target | undefined;
  beforeAll(async () => {
    target = await freshServerDatabase('repo_db_scripts');
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('PKG-04: db:migrate applies the 3 migrations, db:seed writes the demo volumes and the four demo users', async () => {
    const env = { ...process.env, DATABASE_URL: target!.url };
    await run('npm', ['run', 'db:migrate'], { cwd: root, env, timeout: 120_000 });
    const seeded = await run('npm', ['run', 'db:seed'], { cwd: root, env, timeout: 180_000 });
    expect(seeded.stdout).toMatch(/\d+ rows in \d+ ms/);

    const sql = postgres(target!.url, { max: 1, onnotice: () => {} });
    try {
      const [ledger] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(ledger?.n).toBe(3);
      for (const [table, n] of Object.entries(expected)) {
        const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`;
        expect(row?.n, table).toBe(n);
      }
      const demo = await sql<{ email: string }[]>`select email from "user" where email like '%.demo' and email in
        ('ada.admin@warden.demo', 'sam.support@warden.demo', 'alice@acme.demo', 'bob@globex.demo') order by email`;
      expect(demo.map((r) => r.email)).toEqual(['ada.admin@warden.demo', 'alice@acme.demo', 'bob@globex.demo', 'sam.support@warden.demo']);
    } finally {
      await sql.end();
    }
  });

  it('PKG-04: db:seed without DATABASE_URL exits 2 with a clear message', async () => {
    const { DATABASE_URL: _drop, ...env } = process.env;
    const failed = await run('npm', ['run', 'db:seed'], { cwd: root, env, timeout: 60_000 }).then(
      () => undefined,
      (err: { code?: number; stderr?: string }) => err,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('DATABASE_URL is not set');
  });
});
