import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queryable } from '../../db/driver';

export interface FixtureMigration {
  tag: string;
  /** Statements joined with drizzle's breakpoint marker, as drizzle-kit writes them. */
  statements: string[];
  when?: number;
}

const BASE_WHEN = 1_700_000_000_000;

/** A migrations folder in a temp dir: `meta/_journal.json` plus one SQL file per migration. */
export async function writeMigrationFolder(migrations: FixtureMigration[], dir?: string): Promise<string> {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'warden-migrations-')));
  await mkdir(join(folder, 'meta'), { recursive: true });
  const entries = migrations.map((m, idx) => ({ idx, version: '7', when: m.when ?? BASE_WHEN + idx * 1000, tag: m.tag, breakpoints: true }));
  await writeFile(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }, null, 2));
  for (const m of migrations) await writeFile(join(folder, `${m.tag}.sql`), m.statements.join('\n--> statement-breakpoint\n'));
  return folder;
}

/**
 * Everything a migration can change, as sorted text: schemas, relations (RLS and FORCE flags),
 * columns, constraints, indexes, enum labels, functions, policies (command, roles, USING and
 * WITH CHECK as the server deparses them), privileges of schemas, relations, columns and
 * functions (ACL items sorted: a revoke + re-grant may reorder them), and drizzle's history
 * rows. Two equal digests mean an identical schema, privileges and history. No OIDs and no
 * database name appear, so two databases migrated the same way have the same digest.
 */
export async function catalogDigest(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ line: string }>(
    `with ns as (
       select oid, nspname, nspacl from pg_namespace
        where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and nspname not like 'pg_temp%' and nspname not like 'pg_toast_temp%')
     select line from (
       select 'schema ' || nspname || ' acl=' || coalesce((select string_agg(x::text, ',' order by x::text) from unnest(nspacl) x), '-') as line from ns
       union all select 'rel ' || ns.nspname || '.' || c.relname || ' ' || c.relkind::text || ' rls=' || c.relrowsecurity::text
                        || ' force=' || c.relforcerowsecurity::text
                        || ' acl=' || coalesce((select string_agg(x::text, ',' order by x::text) from unnest(c.relacl) x), '-')
         from pg_class c join ns on ns.oid = c.relnamespace
       union all select 'col ' || ns.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' nn=' || a.attnotnull::text
                        || ' acl=' || coalesce((select string_agg(x::text, ',' order by x::text) from unnest(a.attacl) x), '-')
         from pg_attribute a join pg_class c on c.oid = a.attrelid join ns on ns.oid = c.relnamespace where a.attnum > 0 and not a.attisdropped
       union all select 'con ' || ns.nspname || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid)
         from pg_constraint c join ns on ns.oid = c.connamespace
       union all select 'idx ' || pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid join ns on ns.oid = c.relnamespace
       union all select 'enum ' || t.typname || ' ' || e.enumlabel || ' ' || e.enumsortorder from pg_enum e join pg_type t on t.oid = e.enumtypid
       union all select 'fn ' || ns.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
                        || ' acl=' || coalesce((select string_agg(x::text, ',' order by x::text) from unnest(p.proacl) x), '-')
         from pg_proc p join ns on ns.oid = p.pronamespace
       union all select 'policy ' || schemaname || '.' || tablename || '.' || policyname || ' ' || permissive || ' ' || cmd
                        || ' to=' || array_to_string(roles, ',') || ' using=' || coalesce(qual, '-') || ' check=' || coalesce(with_check, '-')
         from pg_policies
     ) x order by line`,
  );
  const lines = rows.map((r) => r.line);
  const history = await db.query<{ line: string }>(
    `select case when to_regclass('"drizzle"."__drizzle_migrations"') is null then null else 'present' end as line`,
  );
  if (history.rows[0]?.line) {
    const h = await db.query<{ line: string }>(`select 'history ' || id || ' ' || hash || ' ' || created_at as line from "drizzle"."__drizzle_migrations" order by id`);
    lines.push(...h.rows.map((r) => r.line));
  }
  return lines.join('\n');
}

/** Drops everything our fixtures create, so one database can host several scenarios. */
export async function resetDatabase(db: Queryable, schemas: string[] = ['public', 'drizzle']): Promise<void> {
  for (const s of schemas) await db.query(`drop schema if exists "${s}" cascade`);
  await db.query('create schema if not exists "public"');
}

/**
 * A copy of a real migrations folder (the repository's by default) with `extra` migrations
 * appended to its journal, dated after its last entry: pending on a database migrated from the
 * original folder.
 */
export async function folderWithExtraMigrations(source: string, extra: FixtureMigration[]): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'warden-migrations-'));
  await cp(source, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
  const last = journal.entries.at(-1)?.when ?? BASE_WHEN;
  extra.forEach((m, i) => {
    journal.entries.push({ idx: journal.entries.length, version: '7', when: m.when ?? last + (i + 1) * 1000, tag: m.tag, breakpoints: true } as never);
  });
  await writeFile(journalPath, JSON.stringify(journal, null, 2));
  for (const m of extra) await writeFile(join(folder, `${m.tag}.sql`), m.statements.join('\n--> statement-breakpoint\n'));
  return folder;
}
