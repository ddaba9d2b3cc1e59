import { type Column, type Relation, SQL, createTableRelationsHelpers, extractTablesRelationalConfig, getTableName, is, normalizeRelation, One } from 'drizzle-orm';
import { PgDialect, PgRole, type PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import type { FkAction, PolicyCommand } from '../catalog';

// What the Drizzle schema modules declare, as plain data: the "schema" side of every diagram and
// of the drift comparison. Built once per process from the modules (see app-schema.ts).

export interface SchemaColumn {
  name: string;
  /** `getSQLType()`: `text`, `timestamp`, `numeric(40, 20)`, an enum's name, ... */
  type: string;
  notNull: boolean;
  primary: boolean;
  unique: boolean;
  /** The SQL default as drizzle-kit writes it; null when none. */
  default: string | null;
  /** Only the app supplies a value (`$defaultFn` / `$onUpdate`): no SQL default. */
  appDefault: boolean;
}

export interface SchemaForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: FkAction;
  onUpdate: FkAction;
}

export interface SchemaPolicy {
  name: string;
  command: PolicyCommand;
  roles: string[];
  permissive: boolean;
}

export interface SchemaRelation {
  /** The table whose `relations()` declares it. */
  table: string;
  name: string;
  kind: 'one' | 'many';
  target: string;
  /** Resolved columns: `fields` on `table`, `references` on `target`; null when unresolvable. */
  fields: string[] | null;
  references: string[] | null;
}

export interface SchemaTable {
  name: string;
  exportName: string;
  domain: string;
  columns: SchemaColumn[];
  primaryKey: string[];
  /** Unique column sets (single-column `.unique()`, `unique()` constraints, unique indexes). */
  uniques: string[][];
  foreignKeys: SchemaForeignKey[];
  policies: SchemaPolicy[];
  /** drizzle-kit enables RLS on a table with any policy, or with `.enableRLS()`. */
  rlsEnabled: boolean;
}

export interface SchemaModel {
  tables: SchemaTable[];
  relations: SchemaRelation[];
  /** `table.relation` names drizzle could not resolve to columns. */
  unresolved: string[];
}

export interface DomainTableInput {
  name: string;
  exportName: string;
  domain: string;
  table: PgTable;
}

const dialect = new PgDialect();

/**
 * Reads the Drizzle declarations. `tables` says which domain each table belongs to (from
 * `@repo/database/domains`); `fullSchema` is the modules' combined exports, where the
 * `relations()` objects live.
 */
export function buildSchemaModel(tables: readonly DomainTableInput[], fullSchema: Record<string, unknown>): SchemaModel {
  return {
    tables: tables.map((t) => readTable(t)),
    ...readRelations(fullSchema),
  };
}

function readTable(input: DomainTableInput): SchemaTable {
  const config = getTableConfig(input.table);
  const primaryKey = config.columns.filter((c) => c.primary).map((c) => c.name);
  for (const pk of config.primaryKeys) primaryKey.push(...pk.columns.map((c) => c.name));
  const uniques: string[][] = config.columns.filter((c) => c.isUnique).map((c) => [c.name]);
  for (const u of config.uniqueConstraints) uniques.push(u.columns.map((c) => c.name));
  for (const index of config.indexes) {
    if (!index.config.unique) continue;
    const columns = index.config.columns.map((c) => (is(c, SQL) ? null : (c as { name?: string }).name ?? null));
    if (columns.every((c): c is string => c !== null)) uniques.push(columns);
  }
  const columns = config.columns.map((c): SchemaColumn => {
    const sqlDefault = renderDefault(c);
    return {
      name: c.name,
      type: c.getSQLType(),
      notNull: c.notNull,
      primary: c.primary || primaryKey.includes(c.name),
      unique: c.isUnique,
      default: sqlDefault,
      appDefault: sqlDefault === null && (c.defaultFn !== undefined || c.onUpdateFn !== undefined),
    };
  });
  const foreignKeys = config.foreignKeys.map((fk): SchemaForeignKey => {
    const ref = fk.reference();
    return {
      name: fk.getName(),
      columns: ref.columns.map((c) => c.name),
      refTable: getTableName(ref.foreignTable),
      refColumns: ref.foreignColumns.map((c) => c.name),
      onDelete: (fk.onDelete ?? 'no action') as FkAction,
      onUpdate: (fk.onUpdate ?? 'no action') as FkAction,
    };
  });
  const policies = config.policies.map(
    (p): SchemaPolicy => ({
      name: p.name,
      command: (p.for ?? 'all').toUpperCase() as PolicyCommand,
      roles: roleNames(p.to),
      permissive: (p.as ?? 'permissive') === 'permissive',
    }),
  );
  return {
    name: config.name,
    exportName: input.exportName,
    domain: input.domain,
    columns,
    primaryKey,
    uniques,
    foreignKeys,
    policies,
    rlsEnabled: config.enableRLS || policies.length > 0,
  };
}

function renderDefault(column: Column): string | null {
  if (!column.hasDefault || column.default === undefined) return null;
  const value: unknown = column.default;
  if (is(value, SQL)) return dialect.sqlToQuery(value).sql;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'object' && value !== null) return `'${JSON.stringify(value).replaceAll("'", "''")}'`;
  return String(value);
}

/** drizzle's `to`: a role, a keyword, or an array of them; omitted means `public`. */
function roleNames(to: unknown): string[] {
  if (to === undefined) return ['public'];
  const list = Array.isArray(to) ? to : [to];
  return list.map((r) => (is(r, PgRole) ? r.name : String(r)));
}

function readRelations(fullSchema: Record<string, unknown>): Pick<SchemaModel, 'relations' | 'unresolved'> {
  const { tables, tableNamesMap } = extractTablesRelationalConfig(fullSchema, createTableRelationsHelpers);
  const relations: SchemaRelation[] = [];
  const unresolved: string[] = [];
  for (const config of Object.values(tables)) {
    for (const [name, relation] of Object.entries(config.relations) as [string, Relation][]) {
      const target = getTableName(relation.referencedTable);
      let fields: string[] | null = null;
      let references: string[] | null = null;
      try {
        const normalized = normalizeRelation(tables, tableNamesMap, relation);
        fields = normalized.fields.map((c) => c.name);
        references = normalized.references.map((c) => c.name);
      } catch {
        // drizzle throws when neither side says which columns join: the relation is declared but
        // unusable by the query builder. The diagram flags it instead of failing.
        unresolved.push(`${config.dbName}.${name}`);
      }
      relations.push({ table: config.dbName, name, kind: is(relation, One) ? 'one' : 'many', target, fields, references });
    }
  }
  return { relations, unresolved };
}
