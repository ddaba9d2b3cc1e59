import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import { allTables } from './domains';
import { derivedGrants } from './grants';
import { resolveMigrationsFolder } from './migrate';
import { openPostgres } from '../../../electron/main/db/postgres';
import { createFreshDatabase, describeEachDriver } from '../../../electron/main/db/test-databases';
import type { Database } from '../../../electron/main/db/driver';
import { applyMigrationsWithDrizzle } from './migrate';

// MIG-00: the shipped migrations (custom auth/roles 0000, generated schema 0001, custom grants
// 0002) apply with drizzle's own migrator to an empty database on both drivers, and leave RLS,
// the named policies, the roles and exactly the derived grants behind.

const run = promisify(execFile);
const roles = ['anon', 'authenticated', 'admin', 'support'];

async function actualGrants(db: Database): Promise<string[]> {
  const table = await db.query<{ t: string; r: string; p: string }>(
    `select c.relname as t, r.rolname as r, a.privilege_type as p
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       cross join lateral aclexplode(c.relacl) a join pg_roles r on r.oid = a.grantee
      where n.nspname = 'public' and c.relkind = 'r' and r.rolname = any($1::text[])`,
    [roles],
  );
  const column = await db.query<{ t: string; r: string; p: string; c: string }>(
    `select c.relname as t, r.rolname as r, a.privilege_type as p, att.attname as c
       from pg_attribute att join pg_class c on c.oid = att.attrelid join pg_namespace n on n.oid = c.relnamespace
       cross join lateral aclexplode(att.attacl) a join pg_roles r on r.oid = a.grantee
      where n.nspname = 'public' and c.relkind = 'r' and att.attacl is not null and r.rolname = any($1::text[])`,
    [roles],
  );
  return [...table.rows.map((g) => `${g.t}|${g.r}|${g.p}`), ...column.rows.map((g) => `${g.t}|${g.r}|${g.p}|${g.c}`)].sort();
}

function expectedGrants(): string[] {
  return derivedGrants()
    .flatMap((g) => (g.columns ? g.columns.map((c) => `${g.table}|${g.role}|${g.privilege}|${c}`) : [`${g.table}|${g.role}|${g.privilege}`]))
    .sort();
}

describeEachDriver(
  'MIG-00: migrations apply cleanly to an empty database',
  (getDb, ctx) => {
    it('MIG-00: drizzle migrator applied 3 migrations; every table exists with RLS enabled, not forced', async () => {
      const db = getDb();
      const ledger = await db.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(ledger.rows[0]?.n).toBe(3);
      const tables = await db.query<{ relname: string; rls: boolean; forced: boolean }>(
        `select c.relname, c.relrowsecurity as rls, c.relforcerowsecurity as forced
           from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`,
      );
      expect(tables.rows.map((r) => r.relname).sort()).toEqual(allTables.map((t) => t.name).sort());
      for (const t of tables.rows) {
        expect(t.rls, t.relname).toBe(true);
        expect(t.forced, t.relname).toBe(false);
      }
    });

    it('MIG-00: the policies in the database are exactly the schema policies, by table and name', async () => {
      const rows = await getDb().query<{ tablename: string; policyname: string }>(`select tablename, policyname from pg_policies where schemaname = 'public'`);
      const actual = rows.rows.map((r) => `${r.tablename}.${r.policyname}`).sort();
      const expected = allTables.flatMap(({ name, table }) => getTableConfig(table).policies.map((p) => `${name}.${p.name}`)).sort();
      expect(actual).toEqual(expected);
      expect(actual).toContain('user.users_view_own_policy');
      expect(actual).toContain('user.users_view_admin_policy');
    });

    it('MIG-00: roles exist, the login role is a member of authenticated/admin/support, grants equal the derived ones', async () => {
      const db = getDb();
      const found = await db.query<{ rolname: string }>('select rolname from pg_roles where rolname = any($1::text[])', [roles]);
      expect(found.rows.map((r) => r.rolname).sort()).toEqual([...roles].sort());
      const member = await db.query<{ ok: boolean }>(
        `select bool_and(pg_has_role(current_user, r, 'MEMBER')) as ok from unnest(array['authenticated','admin','support']) as r`,
      );
      expect(member.rows[0]?.ok).toBe(true);
      expect(await actualGrants(db)).toEqual(expectedGrants());
    });

    it('MIG-00: auth.uid() returns text from the claims, and the org helper works under RLS', async () => {
      const db = getDb();
      const type = await db.query<{ t: string }>(`select pg_get_function_result('auth.uid()'::regprocedure) as t`);
      expect(type.rows[0]?.t).toBe('text');
      const uid = await db.transaction(async (tx) => {
        await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: 'not-a-uuid-42', role: 'authenticated' })]);
        return (await tx.query<{ uid: string; role: string }>('select auth.uid() as uid, auth.role() as role')).rows[0];
      });
      expect(uid).toEqual({ uid: 'not-a-uuid-42', role: 'authenticated' });
      // A policy on member that reads member would recurse; the SECURITY DEFINER helper must not.
      const count = await db.transaction(async (tx) => {
        await tx.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [JSON.stringify({ sub: 'nobody' })]);
        return (await tx.query<{ n: number }>('select count(*)::int as n from member')).rows[0]?.n;
      });
      expect(count).toBe(0);
    });

    it('MIG-00: re-running the roles/auth migration and the migrator is harmless (idempotent)', async () => {
      const db = getDb();
      const sql = await readFile(join(resolveMigrationsFolder(), '0000_auth_roles.sql'), 'utf8');
      for (const statement of sql.split('--> statement-breakpoint')) await db.query(statement);
      await ctx.migrate();
      const ledger = await db.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(ledger.rows[0]?.n).toBe(3);
    });

    if (ctx.kind === 'postgres') {
      it('MIG-00: two more databases on the same server migrate at the same time (roles are cluster-wide)', async () => {
        const fresh = await Promise.all([createFreshDatabase('warden_mig'), createFreshDatabase('warden_mig')]);
        try {
          const dbs = await Promise.all(fresh.map((f) => openPostgres({ ...f.config, max: 1 })));
          try {
            await Promise.all(dbs.map((d) => applyMigrationsWithDrizzle(d)));
            for (const d of dbs) expect(await actualGrants(d)).toEqual(expectedGrants());
          } finally {
            await Promise.all(dbs.map((d) => d.close()));
          }
        } finally {
          await Promise.all(fresh.map((f) => f.drop()));
        }
      });
    }
  },
  { migrate: true },
);

it('MIG-00: drizzle-kit check is clean and generate finds nothing to add', async () => {
  // Generate into a copy, so a schema/migration drift can never write into migrations/.
  // drizzle-kit prefixes `--out` with './', so the copy must live under the working directory.
  await mkdir(join('node_modules', '.cache'), { recursive: true });
  const dir = await mkdtemp(join('node_modules', '.cache', 'warden-mig-'));
  try {
    await cp(resolveMigrationsFolder(), dir, { recursive: true });
    const bin = join(process.cwd(), 'node_modules', '.bin', 'drizzle-kit');
    const before = (await readdir(dir)).sort();
    const generate = await run(bin, ['generate', '--dialect=postgresql', '--schema=./shared/database/src/schema/index.ts', `--out=${dir}`], { cwd: process.cwd() });
    expect(generate.stdout + generate.stderr).toContain('No schema changes');
    expect((await readdir(dir)).sort()).toEqual(before);
    const check = await run(bin, ['check', '--dialect=postgresql', `--out=${dir}`], { cwd: process.cwd() });
    expect(check.stdout + check.stderr).toContain("Everything's fine");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
