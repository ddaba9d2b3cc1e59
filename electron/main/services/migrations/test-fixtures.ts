import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
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
 * Everything a migration can change, as sorted text: schemas, relations, columns, constraints,
 * indexes, enum labels, functions, policies, and drizzle's history rows. Two equal digests mean
 * an identical schema and history.
 */
export async function catalogDigest(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ line: string }>(
    `with ns as (
       select oid, nspname from pg_namespace
        where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and nspname not like 'pg_temp%' and nspname not like 'pg_toast_temp%')
     select line from (
       select 'schema ' || nspname as line from ns
       union all select 'rel ' || ns.nspname || '.' || c.relname || ' ' || c.relkind::text || ' rls=' || c.relrowsecurity::text
         from pg_class c join ns on ns.oid = c.relnamespace
       union all select 'col ' || ns.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' nn=' || a.attnotnull::text
         from pg_attribute a join pg_class c on c.oid = a.attrelid join ns on ns.oid = c.relnamespace where a.attnum > 0 and not a.attisdropped
       union all select 'con ' || ns.nspname || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid)
         from pg_constraint c join ns on ns.oid = c.connamespace
       union all select 'idx ' || pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid join ns on ns.oid = c.relnamespace
       union all select 'enum ' || t.typname || ' ' || e.enumlabel || ' ' || e.enumsortorder from pg_enum e join pg_type t on t.oid = e.enumtypid
       union all select 'fn ' || ns.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' from pg_proc p join ns on ns.oid = p.pronamespace
       union all select 'policy ' || schemaname || '.' || tablename || '.' || policyname || ' ' || coalesce(qual, '') from pg_policies
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
