import type { Catalog, CatalogTable } from '../catalog';
import type { SchemaModel, SchemaTable } from './schema-model';
import type { DriftItem } from './types';

// What the live database has or lacks against the Drizzle schema: tables, columns, types,
// nullability, policies (name, command, roles), the RLS flag and foreign keys. Expressions of
// policies and defaults are not compared: PostgreSQL deparses them into a different text than
// drizzle renders, and a textual diff would flag every policy. drizzle-kit's own diff (the
// migrations screen's drift check) is the tool for those.

const aliases: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int8: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  int2: 'smallint',
  smallserial: 'smallint',
  bool: 'boolean',
  float8: 'double precision',
  float4: 'real',
  decimal: 'numeric',
  varchar: 'character varying',
  char: 'character',
  timestamptz: 'timestamp with time zone',
  timetz: 'time with time zone',
};

/** One spelling per type, so `timestamp` (drizzle) equals `timestamp without time zone` (PostgreSQL). */
export function normalizeType(type: string): string {
  let t = type.trim().toLowerCase().replaceAll('"', '');
  t = t.replace(/^public\./, '');
  t = t.replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')').replace(/\s+/g, ' ');
  let suffix = '';
  while (t.endsWith('[]')) {
    suffix += '[]';
    t = t.slice(0, -2).trim();
  }
  const match = /^([a-z_ ][a-z0-9_ ]*?)(\([0-9,]+\))?( with time zone| without time zone)?$/.exec(t);
  if (!match) return t + suffix;
  const [, rawBase = '', args = '', zone = ''] = match;
  const base = aliases[rawBase.trim()] ?? rawBase.trim();
  if (base === 'timestamp' || base === 'time') return `${base}${args}${zone || ' without time zone'}${suffix}`;
  if (base === 'timestamp with time zone' || base === 'time with time zone') {
    const [word] = base.split(' ');
    return `${word}${args} with time zone${suffix}`;
  }
  return `${base}${args}${zone}${suffix}`;
}

export function computeDrift(model: SchemaModel, catalog: Catalog): DriftItem[] {
  const items: DriftItem[] = [];
  const live = new Map(catalog.tables.map((t) => [t.name, t]));
  for (const table of model.tables) {
    const liveTable = live.get(table.name);
    if (!liveTable) {
      items.push({ kind: 'table', side: 'schema-only', table: table.name, message: `Table ${table.name} is defined in the schema but missing in the database.` });
      continue;
    }
    items.push(...tableDrift(table, liveTable));
  }
  const declared = new Set(model.tables.map((t) => t.name));
  for (const t of catalog.tables) {
    if (!declared.has(t.name)) {
      items.push({ kind: 'table', side: 'live-only', table: t.name, message: `Table ${t.name} exists in the database but no schema module defines it.` });
    }
  }
  return items;
}

function tableDrift(table: SchemaTable, live: CatalogTable): DriftItem[] {
  const items: DriftItem[] = [];
  const t = table.name;
  const liveColumns = new Map(live.columns.map((c) => [c.name, c]));
  for (const column of table.columns) {
    const lc = liveColumns.get(column.name);
    if (!lc) {
      items.push({ kind: 'column', side: 'schema-only', table: t, name: column.name, message: `Column ${column.name} is missing in the database.` });
      continue;
    }
    if (normalizeType(column.type) !== normalizeType(lc.type)) {
      items.push({
        kind: 'type',
        side: 'differs',
        table: t,
        name: column.name,
        schema: column.type,
        live: lc.type,
        message: `Column ${column.name} is ${lc.type} in the database, ${column.type} in the schema.`,
      });
    }
    if (column.notNull === lc.nullable) {
      items.push({
        kind: 'nullable',
        side: 'differs',
        table: t,
        name: column.name,
        schema: column.notNull ? 'NOT NULL' : 'NULL',
        live: lc.nullable ? 'NULL' : 'NOT NULL',
        message: `Column ${column.name} is ${lc.nullable ? 'nullable' : 'NOT NULL'} in the database, ${column.notNull ? 'NOT NULL' : 'nullable'} in the schema.`,
      });
    }
  }
  const declaredColumns = new Set(table.columns.map((c) => c.name));
  for (const c of live.columns) {
    if (!declaredColumns.has(c.name)) {
      items.push({ kind: 'column', side: 'live-only', table: t, name: c.name, message: `Column ${c.name} exists in the database but not in the schema.` });
    }
  }

  const livePolicies = new Map(live.policies.map((p) => [p.name, p]));
  for (const policy of table.policies) {
    const lp = livePolicies.get(policy.name);
    if (!lp) {
      items.push({ kind: 'policy', side: 'schema-only', table: t, name: policy.name, message: `Policy ${policy.name} is missing in the database.` });
      continue;
    }
    const schemaShape = `${policy.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${policy.command} TO ${[...policy.roles].sort().join(', ')}`;
    const liveShape = `${lp.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${lp.command} TO ${[...lp.roles].sort().join(', ')}`;
    if (schemaShape !== liveShape) {
      items.push({
        kind: 'policy',
        side: 'differs',
        table: t,
        name: policy.name,
        schema: schemaShape,
        live: liveShape,
        message: `Policy ${policy.name} is ${liveShape} in the database, ${schemaShape} in the schema.`,
      });
    }
  }
  const declaredPolicies = new Set(table.policies.map((p) => p.name));
  for (const p of live.policies) {
    if (!declaredPolicies.has(p.name)) {
      items.push({ kind: 'policy', side: 'live-only', table: t, name: p.name, message: `Policy ${p.name} exists in the database but not in the schema.` });
    }
  }

  if (table.rlsEnabled !== live.rlsEnabled) {
    items.push({
      kind: 'rls',
      side: 'differs',
      table: t,
      schema: table.rlsEnabled ? 'enabled' : 'disabled',
      live: live.rlsEnabled ? 'enabled' : 'disabled',
      message: `Row-level security is ${live.rlsEnabled ? 'enabled' : 'disabled'} in the database, ${table.rlsEnabled ? 'enabled' : 'disabled'} in the schema.`,
    });
  }

  const fkKey = (cols: string[], ref: string, refCols: string[]) => `${cols.join(',')}>${ref}(${refCols.join(',')})`;
  const liveFks = new Map(
    live.constraints.filter((c) => c.references).map((c) => [fkKey(c.columns, c.references!.table, c.references!.columns), c]),
  );
  const schemaFks = new Set<string>();
  for (const fk of table.foreignKeys) {
    const key = fkKey(fk.columns, fk.refTable, fk.refColumns);
    schemaFks.add(key);
    if (!liveFks.has(key)) {
      items.push({ kind: 'foreign-key', side: 'schema-only', table: t, name: fk.name, message: `Foreign key ${fk.name} is missing in the database.` });
    }
  }
  for (const [key, c] of liveFks) {
    if (!schemaFks.has(key)) {
      items.push({ kind: 'foreign-key', side: 'live-only', table: t, name: c.name, message: `Foreign key ${c.name} exists in the database but not in the schema.` });
    }
  }
  return items;
}
