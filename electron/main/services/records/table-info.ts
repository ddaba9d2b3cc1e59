import type { ColumnKind } from '../../../../shared/ipc/contracts/records';
import { fail } from '../../db/errors';
import type { Database, Queryable } from '../../db/driver';
import { qualified } from '../../db/quote';

// The one place the records service learns names and types: a single pg_catalog query per
// relation, cached per connection by the catalog module (services/catalog). Every identifier
// that reaches SQL is a name found here (the allow-list of SEC-11/12), quoted by `quoteIdent`.

export interface ColumnInfo {
  name: string;
  num: number;
  /** `format_type`, for display. */
  type: string;
  /** Schema-qualified, quoted type name for casts: `"pg_catalog"."int4"`. */
  castType: string;
  typname: string;
  category: string;
  /** Fixed-size types (typlen > 0) are never capped. */
  varlena: boolean;
  notNull: boolean;
  hasDefault: boolean;
  identity: string;
  generated: string;
  enumValues: string[] | null;
  kind: ColumnKind;
  sortable: boolean;
}

export interface ForeignKeyInfo {
  constraint: string;
  schema: string;
  table: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

/** What the relation is: views, materialized views and foreign tables are browsed read-only. */
export type RelationKind = 'table' | 'partitioned' | 'view' | 'matview' | 'foreign';

/**
 * How the grid pages it: by primary key, by ctid (a heap without a key: tables, materialized
 * views), or by OFFSET over a deterministic order (views and foreign tables have neither).
 */
export type Paging = 'key' | 'ctid' | 'offset';

export interface TableInfo {
  schema: string;
  table: string;
  kind: RelationKind;
  paging: Paging;
  /** A view's definition (pg_get_viewdef) and its security_invoker option (it decides RLS). */
  view: { definition: string; securityInvoker: boolean } | null;
  /** `"schema"."table"` */
  qualified: string;
  domain: string | null;
  columns: ColumnInfo[];
  byName: Map<string, ColumnInfo>;
  primaryKey: ColumnInfo[];
  estimatedRows: number | null;
  rlsEnabled: boolean;
  foreignKeys: ForeignKeyInfo[];
  referencedBy: ForeignKeyInfo[];
}

const kinds: Record<string, RelationKind> = { r: 'table', p: 'partitioned', v: 'view', m: 'matview', f: 'foreign' };

const tableInfoSql = `
select c.reltuples::float8 as estimate,
       c.relkind::text as relkind,
       case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as viewdef,
       coalesce((select option_value from pg_options_to_table(c.reloptions) where option_name = 'security_invoker'), 'false') as security_invoker,
       c.relrowsecurity as rls,
       (select json_agg(json_build_object(
                 'name', a.attname::text, 'num', a.attnum::int,
                 'type', format_type(a.atttypid, a.atttypmod),
                 'typschema', tn.nspname::text, 'typname', t.typname::text,
                 'category', t.typcategory::text, 'typlen', t.typlen::int, 'typtype', t.typtype::text,
                 'notnull', a.attnotnull, 'hasdefault', a.atthasdef,
                 'identity', a.attidentity::text, 'generated', a.attgenerated::text,
                 'enum', (select json_agg(e.enumlabel::text order by e.enumsortorder)
                            from pg_enum e where e.enumtypid = coalesce(nullif(t.typbasetype, 0), t.oid)))
               order by a.attnum)
          from pg_attribute a
          join pg_type t on t.oid = a.atttypid
          join pg_namespace tn on tn.oid = t.typnamespace
         where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
       (select json_agg(a.attname::text order by k.ord)
          from pg_index x
          cross join unnest(x.indkey) with ordinality as k(attnum, ord)
          join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
         where x.indrelid = c.oid and x.indisprimary) as pk,
       (select json_agg(json_build_object(
                 'constraint', con.conname::text,
                 'schema', sn.nspname::text, 'table', sc.relname::text,
                 'columns', (select json_agg(a.attname::text order by k.ord) from unnest(con.conkey) with ordinality k(attnum, ord)
                               join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum),
                 'refSchema', fn.nspname::text, 'refTable', fc.relname::text,
                 'refColumns', (select json_agg(a.attname::text order by k.ord) from unnest(con.confkey) with ordinality k(attnum, ord)
                               join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum))
               order by con.conname)
          from pg_constraint con
          join pg_class sc on sc.oid = con.conrelid join pg_namespace sn on sn.oid = sc.relnamespace
          join pg_class fc on fc.oid = con.confrelid join pg_namespace fn on fn.oid = fc.relnamespace
         where con.contype = 'f' and (con.conrelid = c.oid or con.confrelid = c.oid)) as fks
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = $1 and c.relname = $2 and c.relkind in ('r', 'p', 'v', 'm', 'f')`;

interface RawColumn {
  name: string;
  num: number;
  type: string;
  typschema: string;
  typname: string;
  category: string;
  typlen: number;
  typtype: string;
  notnull: boolean;
  hasdefault: boolean;
  identity: string;
  generated: string;
  enum: string[] | null;
}

/**
 * The relation's catalog entry; `validation` when it does not exist (or is not browsable). Not
 * cached here: `CatalogService.tableInfo` is the cache (one per connection, cleared on
 * `schema.changed`).
 */
export async function readTableInfo(db: Database | Queryable, schema: string, table: string, signal?: AbortSignal): Promise<TableInfo> {
  // System catalogs hold password hashes (pg_authid) and internals; the grid is for user data.
  if (/^pg_/i.test(schema) || schema === 'information_schema') fail('validation', 'System schemas cannot be browsed in the data view.');
  // PostgreSQL silently truncates longer names to 63 bytes, which would reach a different table.
  for (const name of [schema, table]) {
    if (new TextEncoder().encode(name).length > 63) fail('validation', `${JSON.stringify(name)} is longer than PostgreSQL's 63-byte name limit.`);
  }
  const result = await db.query<Record<string, unknown>>(tableInfoSql, [schema, table], signal ? { signal } : {});
  const row = result.rows[0];
  if (!row) fail('validation', `No table named ${JSON.stringify(table)} in schema ${JSON.stringify(schema)} (nor a view).`);
  return toTableInfo(schema, table, row);
}

/** PGlite and postgres.js both parse json, but be tolerant of a driver that returns text. */
function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}

function toTableInfo(schema: string, table: string, row: Record<string, unknown>): TableInfo {
  const columns = json<RawColumn[]>(row.columns, []).map(toColumn);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const pkNames = json<string[]>(row.pk, []);
  const fks = json<ForeignKeyInfo[]>(row.fks, []);
  const estimate = Number(row.estimate);
  const kind = kinds[String(row.relkind)] ?? 'table';
  const primaryKey = pkNames.map((n) => byName.get(n)).filter((c): c is ColumnInfo => c !== undefined);
  const heap = kind === 'table' || kind === 'partitioned' || kind === 'matview';
  return {
    schema,
    table,
    kind,
    paging: primaryKey.length > 0 ? 'key' : heap ? 'ctid' : 'offset',
    view: kind === 'view' || kind === 'matview' ? { definition: String(row.viewdef ?? ''), securityInvoker: ['true', 'on', '1', 'yes'].includes(String(row.security_invoker).toLowerCase()) } : null,
    qualified: qualified(schema, table),
    // Filled in by the caller that knows whether the database is ours (never borrowed by name).
    domain: null,
    columns,
    byName,
    primaryKey,
    // PostgreSQL 14+ reports -1 for a table that was never vacuumed or analyzed.
    estimatedRows: Number.isFinite(estimate) && estimate >= 0 ? Math.round(estimate) : null,
    rlsEnabled: row.rls === true,
    foreignKeys: fks.filter((f) => f.schema === schema && f.table === table),
    referencedBy: fks.filter((f) => f.refSchema === schema && f.refTable === table),
  };
}

function toColumn(raw: RawColumn): ColumnInfo {
  const kind = columnKind(raw);
  return {
    name: raw.name,
    num: raw.num,
    type: raw.type,
    castType: qualified(raw.typschema, raw.typname),
    typname: raw.typname,
    category: raw.category,
    varlena: raw.typlen < 0,
    notNull: raw.notnull,
    hasDefault: raw.hasdefault || raw.identity !== '' || raw.generated !== '',
    identity: raw.identity,
    generated: raw.generated,
    enumValues: raw.enum,
    kind,
    // Only types with a btree ordering that survives a text round trip can drive keyset paging.
    sortable: ['N', 'S', 'D', 'B', 'E', 'T', 'V'].includes(raw.category) || ['uuid', 'jsonb', 'bytea', 'inet', 'cidr', 'oid'].includes(raw.typname),
  };
}

function columnKind(raw: RawColumn): ColumnKind {
  if (raw.enum) return 'enum';
  switch (raw.typname) {
    case 'bool':
      return 'boolean';
    case 'json':
    case 'jsonb':
      return 'json';
    case 'uuid':
      return 'uuid';
    case 'bytea':
      return 'bytea';
    case 'date':
      return 'date';
    case 'timestamp':
    case 'timestamptz':
      return 'datetime';
    case 'time':
    case 'timetz':
      return 'time';
    case 'interval':
      return 'interval';
  }
  switch (raw.category) {
    case 'N':
      return 'number';
    case 'S':
      return 'text';
    case 'A':
      return 'array';
    case 'B':
      return 'boolean';
    case 'D':
      return 'datetime';
    default:
      return 'other';
  }
}

/** A column by name, or a validation error: the catalog is the allow-list for every identifier. */
export function mustColumn(info: TableInfo, name: string): ColumnInfo {
  const column = info.byName.get(name);
  if (!column) fail('validation', `No column named ${JSON.stringify(name)} in ${info.table}.`);
  return column;
}
