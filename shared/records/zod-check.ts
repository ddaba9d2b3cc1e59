import { type Column, getTableColumns } from 'drizzle-orm';
import { tablesByName } from '@repo/database/domains';
import { tableZod } from '@repo/database/zod';
import type { FieldIssue } from '../ipc/errors';
import { textProblem } from './text';

// The record editor's validation, shared by the renderer (field errors before anything is sent)
// and main (which re-validates every write). Values travel as the text PostgreSQL prints; here
// they become what the drizzle-zod schema expects (boolean, number, Date, parsed JSON) only to
// be checked. The write itself binds the exact text, so validation never rounds a value.

export interface ColumnValue {
  column: string;
  value: string | null;
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string } | { ok: 'skip' };

/** Drizzle's columns of a table, by SQL column name; undefined for tables outside the schema. */
export function drizzleColumns(table: string): Map<string, { key: string; column: Column }> | undefined {
  const t = tablesByName[table];
  if (!t) return undefined;
  return new Map(Object.entries(getTableColumns(t)).map(([key, column]) => [column.name, { key, column }]));
}

export function hasTableZod(schema: string, table: string): boolean {
  return schema === 'public' && tableZod[table] !== undefined && tablesByName[table] !== undefined;
}

const numberPattern = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** PostgreSQL's `timestamp` / `date` text as a Date, for validation only. */
export function parsePgDateTime(text: string): Date | undefined {
  const m = /^(\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', tz] = m;
  const ms = (frac + '000').slice(0, 3);
  let offset = 'Z';
  if (tz && tz !== 'Z') offset = tz.length === 3 ? `${tz}:00` : tz.includes(':') ? tz : `${tz.slice(0, 3)}:${tz.slice(3)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function convertForZod(column: Column, value: string | null): Converted {
  if (value === null) return { ok: true, value: null };
  const problem = textProblem(value);
  if (problem) return { ok: false, message: problem };
  switch (column.dataType) {
    case 'boolean':
      if (value === 't' || value === 'true') return { ok: true, value: true };
      if (value === 'f' || value === 'false') return { ok: true, value: false };
      return { ok: false, message: 'must be true or false' };
    case 'number':
      return numberPattern.test(value) ? { ok: true, value: Number(value) } : { ok: false, message: 'must be a number' };
    case 'bigint':
      try {
        return { ok: true, value: BigInt(value.trim()) };
      } catch {
        return { ok: false, message: 'must be an integer' };
      }
    case 'date': {
      const date = parsePgDateTime(value);
      return date ? { ok: true, value: date } : { ok: false, message: 'must be a date-time like 2024-01-31 13:45:00.123456' };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(value) };
      } catch {
        return { ok: false, message: 'must be valid JSON' };
      }
    case 'string':
      return { ok: true, value };
    default:
      // Arrays, bytea and custom types: PostgreSQL's own input function is the validator.
      return { ok: 'skip' };
  }
}

/**
 * Field issues for an insert (every value, defaults filled by main) or an update (only the
 * changed columns), keyed by SQL column name. Text problems (NUL, lone surrogates) are reported
 * for every column, with or without a Zod schema.
 */
export function validateValues(schema: string, table: string, mode: 'insert' | 'update', values: readonly ColumnValue[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const columns = hasTableZod(schema, table) ? drizzleColumns(table) : undefined;
  const zod = columns ? tableZod[table]! : undefined;
  const input: Record<string, unknown> = {};
  const skipped = new Set<string>();
  for (const { column, value } of values) {
    const known = columns?.get(column);
    if (!known) {
      const problem = value === null ? undefined : textProblem(value);
      if (problem) issues.push({ path: [column], message: problem });
      continue;
    }
    const converted = convertForZod(known.column, value);
    if (converted.ok === true) input[known.key] = converted.value;
    else if (converted.ok === false) issues.push({ path: [column], message: converted.message });
    else skipped.add(known.key);
  }
  if (!zod || !columns) return issues;
  const byKey = new Map([...columns.values()].map((c) => [c.key, c.column.name]));
  const result = zod[mode].safeParse(input);
  if (!result.success) {
    const reported = new Set(issues.map((i) => String(i.path[0])));
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (skipped.has(key)) continue;
      const column = byKey.get(key) ?? key;
      if (reported.has(column)) continue;
      issues.push({ path: [column, ...issue.path.slice(1).map((p) => (typeof p === 'symbol' ? String(p) : p))], message: issue.message });
    }
  }
  return issues;
}
