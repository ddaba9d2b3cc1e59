import {
  type Catalog,
  type CatalogColumn,
  type CatalogConstraint,
  type CatalogGrant,
  type CatalogIndex,
  type CatalogPolicy,
  type CatalogRole,
  type CatalogTable,
  type FkAction,
  PolicyCommandSchema,
} from '../../../../shared/catalog';
import type { Queryable } from '../driver';
import { columnsSql, constraintsSql, defaultGrantsSql, grantsSql, indexesSql, policiesSql, rolesSql, tablesSql } from './catalog-sql';

export interface ReadCatalogOptions {
  /** Defaults to `public`. */
  schema?: string;
  /** Several schemas at once (an unmanaged database's diagram); overrides `schema`. */
  schemas?: readonly string[];
  signal?: AbortSignal;
}

type Row = Record<string, unknown>;

/**
 * Reads one schema's live catalog: tables, columns, constraints, indexes, RLS flags, policies,
 * grants and the cluster's roles, as plain data (see `shared/catalog.ts`). Eight catalog queries;
 * on a pool they run concurrently, on PGlite (one session) one after another.
 */
export async function readCatalog(db: Queryable, options: ReadCatalogOptions = {}): Promise<Catalog> {
  const schemas = options.schemas?.length ? [...options.schemas] : [options.schema ?? 'public'];
  const schema = schemas[0]!;
  const run = async (text: string, params: unknown[] = [schemas]) =>
    (await db.query<Row>(text, params, { signal: options.signal })).rows;
  const [tables, columns, constraints, indexes, policies, grants, defaultGrants, roles] = await Promise.all([
    run(tablesSql),
    run(columnsSql),
    run(constraintsSql),
    run(indexesSql),
    run(policiesSql),
    run(grantsSql),
    run(defaultGrantsSql),
    run(rolesSql, []),
  ]);

  const byTable = new Map<string, CatalogTable>();
  for (const row of tables) {
    const table: CatalogTable = {
      schema: String(row.schema_name),
      name: String(row.name),
      kind: row.kind === 'p' ? 'partitioned' : row.kind === 'f' ? 'foreign' : 'table',
      partitionOf: text(row.partition_of),
      inheritsFrom: texts(row.inherits_from),
      owner: String(row.owner),
      rlsEnabled: row.rls_enabled === true,
      rlsForced: row.rls_forced === true,
      estimatedRows: Number(row.estimated_rows),
      comment: text(row.comment),
      columns: [],
      constraints: [],
      indexes: [],
      policies: [],
      grants: [],
    };
    byTable.set(key(table.schema, table.name), table);
  }
  const each = (rows: Row[], add: (table: CatalogTable, row: Row) => void) => {
    for (const row of rows) {
      const table = byTable.get(key(row.schema_name, row.table_name));
      if (table) add(table, row);
    }
  };
  each(columns, (t, r) => t.columns.push(toColumn(r)));
  each(constraints, (t, r) => t.constraints.push(toConstraint(r)));
  each(indexes, (t, r) => t.indexes.push(toIndex(r)));
  each(policies, (t, r) => t.policies.push(toPolicy(r)));
  // A table without an ACL has its owner's default privileges: the same rows for every such table.
  const defaultsOf = new Map<string, Row[]>();
  for (const row of defaultGrants) defaultsOf.set(String(row.owner), [...(defaultsOf.get(String(row.owner)) ?? []), row]);
  const expanded = tables
    .filter((t) => t.default_acl === true)
    .flatMap((t) => (defaultsOf.get(String(t.owner)) ?? []).map((g) => ({ ...g, schema_name: t.schema_name, table_name: t.name, column_name: null })));
  for (const [name, list] of groupGrants([...expanded, ...grants])) {
    const table = byTable.get(name);
    if (table) table.grants = list;
  }

  return {
    schema,
    schemas,
    currentUser: text(roles[0]?.current_user_name) ?? '',
    tables: [...byTable.values()],
    roles: roles.map(toRole),
  };
}

/** Tables are keyed by schema and name: two schemas may both have a `customer`. */
const key = (schema: unknown, name: unknown) => `${String(schema)}\u0000${String(name)}`;
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function toColumn(r: Row): CatalogColumn {
  const identity = r.identity === 'a' ? 'always' : r.identity === 'd' ? 'by default' : null;
  const enumValues = Array.isArray(r.enum_values) ? r.enum_values.map(String) : null;
  return {
    name: String(r.name),
    ordinal: Number(r.ordinal),
    type: String(r.type),
    udt: String(r.udt),
    category: String(r.category),
    nullable: r.nullable === true,
    default: text(r.default_expr),
    identity,
    // attgenerated is 's' for stored columns; the expression is the column's default expression.
    generated: r.generated === 's' ? text(r.default_expr) : null,
    enumValues,
    comment: text(r.comment),
  };
}

const fkActions: Record<string, FkAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};
const constraintKinds: Record<string, CatalogConstraint['kind']> = {
  p: 'primary',
  f: 'foreign',
  u: 'unique',
  c: 'check',
  x: 'exclusion',
};

function toConstraint(r: Row): CatalogConstraint {
  const kind = constraintKinds[String(r.type)] ?? 'check';
  return {
    name: String(r.name),
    kind,
    columns: texts(r.columns),
    definition: String(r.definition),
    references:
      kind === 'foreign'
        ? {
            schema: String(r.ref_schema),
            table: String(r.ref_table),
            columns: texts(r.ref_columns),
            onDelete: fkActions[String(r.on_delete)] ?? 'no action',
            onUpdate: fkActions[String(r.on_update)] ?? 'no action',
          }
        : null,
  };
}

function toIndex(r: Row): CatalogIndex {
  return {
    name: String(r.name),
    columns: texts(r.columns),
    unique: r.is_unique === true,
    primary: r.is_primary === true,
    method: String(r.method),
    predicate: text(r.predicate),
    definition: String(r.definition),
  };
}

function toPolicy(r: Row): CatalogPolicy {
  const command = PolicyCommandSchema.safeParse(String(r.command).toUpperCase());
  return {
    name: String(r.name),
    command: command.success ? command.data : 'ALL',
    roles: texts(r.roles),
    permissive: String(r.permissive).toUpperCase() === 'PERMISSIVE',
    using: text(r.using_expr),
    withCheck: text(r.with_check),
  };
}

function toRole(r: Row): CatalogRole {
  return {
    name: String(r.name),
    superuser: r.superuser === true,
    bypassRls: r.bypass_rls === true,
    canLogin: r.can_login === true,
    inherit: r.inherit === true,
  };
}

/** Column grants arrive one row per column; fold them into one grant per (grantee, privilege). */
function groupGrants(rows: Row[]): Map<string, CatalogGrant[]> {
  const out = new Map<string, CatalogGrant[]>();
  for (const r of rows) {
    const table = key(r.schema_name, r.table_name);
    const list = out.get(table) ?? [];
    out.set(table, list);
    const column = text(r.column_name);
    const grant = { grantee: String(r.grantee), privilege: String(r.privilege), grantable: r.grantable === true };
    if (column === null) {
      list.push({ ...grant, columns: null });
      continue;
    }
    const existing = list.find(
      (g) => g.columns !== null && g.grantee === grant.grantee && g.privilege === grant.privilege && g.grantable === grant.grantable,
    );
    if (existing?.columns) existing.columns.push(column);
    else list.push({ ...grant, columns: [column] });
  }
  return out;
}
