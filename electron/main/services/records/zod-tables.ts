import { is, SQL } from 'drizzle-orm';
import { type ColumnValue, drizzleColumns, hasTableZod } from '../../../../shared/records/zod-check';
import type { TableInfo } from './table-info';

export function hasZod(info: TableInfo): boolean {
  return hasTableZod(info.schema, info.table);
}

/** A `$defaultFn` result as the text PostgreSQL reads back exactly (drizzle's own mapping). */
function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // drizzle writes Dates as ISO UTC; a `timestamp without time zone` ignores the trailing Z.
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Drizzle `$defaultFn` defaults, applied in main on insert for every column the user left out
 * (Better Auth ids, `email_verified`, ...): the database has no default for them (docs/schema.md §1.6).
 */
export function applyDefaultFns(info: TableInfo, values: readonly ColumnValue[]): ColumnValue[] {
  if (!hasZod(info)) return [...values];
  const columns = drizzleColumns(info.table);
  if (!columns) return [...values];
  const given = new Set(values.map((v) => v.column));
  const out = [...values];
  for (const [name, { column }] of columns) {
    if (given.has(name) || !column.defaultFn || !info.byName.has(name)) continue;
    const value = column.defaultFn();
    if (is(value, SQL)) continue;
    out.push({ column: name, value: toText(value) });
  }
  return out;
}
