import type { ApplyResult, Cell, Change, DiffEntry } from '../../../../shared/ipc/contracts/records';
import type { AppError } from '../../../../shared/ipc/errors';
import { type ColumnValue, validateValues } from '../../../../shared/records/zod-check';
import type { Queryable } from '../../db/driver';
import { AppFailure, fail, toAppError } from '../../db/errors';
import { quoteIdent } from '../../db/quote';
import { Params } from './page-sql';
import { keyWhere } from './reads';
import { mustColumn, type TableInfo } from './table-info';
import { applyDefaultFns } from './zod-tables';

// Staged edits -> SQL -> one transaction. Updates write only the changed columns and carry the
// row's xmin, so a row changed or deleted since it was read is never overwritten (EDIT-01/02).
// Values are bound as the exact text the grid showed and cast by the server (EDIT-04/05).

export interface Statement {
  kind: Change['kind'];
  sql: string;
  params: Cell[];
  /** Key and xmin of updates and deletes, to explain a 0-row result. */
  key?: string[];
}

function assertWritable(info: TableInfo): void {
  if (info.primaryKey.length === 0) {
    fail('validation', `${info.table} has no primary key, so its rows cannot be identified safely: it is read-only.`, { layer: 'readonly' });
  }
}

function writableColumn(info: TableInfo, name: string) {
  const c = mustColumn(info, name);
  if (c.generated !== '') fail('validation', `${c.name} is a generated column and cannot be written.`, { layer: 'zod', issues: [{ path: [c.name], message: 'generated column' }] });
  if (c.identity === 'a') fail('validation', `${c.name} is an identity column (ALWAYS) and cannot be written.`, { layer: 'zod', issues: [{ path: [c.name], message: 'identity column' }] });
  return c;
}

function validate(info: TableInfo, mode: 'insert' | 'update', values: ColumnValue[], index: number, total: number): void {
  const issues = validateValues(info.schema, info.table, mode, values);
  if (issues.length > 0) {
    const first = issues[0]!;
    fail('validation', `Change ${index + 1} of ${total} (${mode} ${info.table}): ${String(first.path[0])} ${first.message}`, { layer: 'zod', issues });
  }
}

function noDuplicates(values: readonly ColumnValue[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v.column)) fail('validation', `Column ${v.column} appears twice in one change.`);
    seen.add(v.column);
  }
}

/** The SQL each staged change will run, validated (Zod, read-only, column allow-list) first. */
export function buildStatements(info: TableInfo, changes: readonly Change[]): Statement[] {
  assertWritable(info);
  return changes.map((change, index) => statementFor(info, change, index, changes.length));
}

function statementFor(info: TableInfo, change: Change, index: number, total: number): Statement {
  const params = new Params();
  switch (change.kind) {
    case 'update': {
      noDuplicates(change.values);
      validate(info, 'update', change.values, index, total);
      const sets = change.values.map((v) => {
        const c = writableColumn(info, v.column);
        return `${quoteIdent(c.name)} = ${params.typed(v.value, c)}`;
      });
      const where = keyWhere(info, change.key, params);
      const xmin = params.typed(change.xmin, 'pg_catalog.xid');
      return {
        kind: 'update',
        sql: `UPDATE ${info.qualified} AS t SET ${sets.join(', ')} WHERE ${where} AND t.xmin = ${xmin} RETURNING t.xmin::text`,
        params: params.values,
        key: change.key,
      };
    }
    case 'insert': {
      noDuplicates(change.values);
      const values = applyDefaultFns(info, change.values);
      validate(info, 'insert', values, index, total);
      if (values.length === 0) return { kind: 'insert', sql: `INSERT INTO ${info.qualified} DEFAULT VALUES`, params: [] };
      const cols = values.map((v) => writableColumn(info, v.column));
      const placeholders = values.map((v, i) => params.typed(v.value, cols[i]!));
      return {
        kind: 'insert',
        sql: `INSERT INTO ${info.qualified} (${cols.map((c) => quoteIdent(c.name)).join(', ')}) VALUES (${placeholders.join(', ')})`,
        params: params.values,
      };
    }
    case 'delete': {
      const where = keyWhere(info, change.key, params);
      const xmin = params.typed(change.xmin, 'pg_catalog.xid');
      return { kind: 'delete', sql: `DELETE FROM ${info.qualified} AS t WHERE ${where} AND t.xmin = ${xmin}`, params: params.values, key: change.key };
    }
  }
}

class ConflictAbort extends Error {
  constructor(readonly result: Extract<ApplyResult, { status: 'conflict' }>) {
    super('conflict');
  }
}

/** Runs `fn` in ONE write transaction: the run context's `write`, whose access mode it decides (ISO-10). */
export type WriteIn = <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>;

/**
 * Applies every staged change in ONE transaction. A row gone or changed (0 rows for its key and
 * xmin) rolls everything back and returns the conflict with the current row and a diff; any
 * database refusal rolls everything back and says which change and which layer refused (EDIT-09).
 */
export async function applyChanges(write: WriteIn, info: TableInfo, changes: readonly Change[], signal?: AbortSignal): Promise<ApplyResult> {
  const statements = buildStatements(info, changes);
  const counts = { inserted: 0, updated: 0, deleted: 0 };
  try {
    await write(async (tx) => {
      for (const [index, statement] of statements.entries()) {
        let affected: number;
        try {
          affected = (await tx.query(statement.sql, statement.params, { signal })).affectedRows;
        } catch (err) {
          throw refusal(err, index, statements.length, statement.kind, info.table);
        }
        if (statement.kind !== 'insert' && affected === 0) {
          throw new ConflictAbort(await explainConflict(tx, info, changes[index]!, index));
        }
        // A primary key matches one row; anything else means the key is not what we think (EDIT-03).
        if (affected > 1) fail('internal', `Change ${index + 1} would touch ${affected} rows; nothing was applied.`);
        if (statement.kind === 'insert') counts.inserted += affected;
        else if (statement.kind === 'update') counts.updated += affected;
        else counts.deleted += affected;
      }
    });
  } catch (err) {
    if (err instanceof ConflictAbort) return err.result;
    throw err;
  }
  return { status: 'applied', ...counts };
}

function refusal(err: unknown, index: number, total: number, kind: string, table: string): AppFailure {
  const appError: AppError = toAppError(err);
  const layer = appError.layer === 'constraint' && appError.constraint ? ` (constraint ${appError.constraint})` : '';
  return new AppFailure({
    ...appError,
    message: `Change ${index + 1} of ${total} (${kind} ${table}) refused${layer}: ${appError.message}. Nothing was applied.`,
  });
}

const currentCap = 10_000;

async function explainConflict(tx: Queryable, info: TableInfo, change: Change, index: number): Promise<Extract<ApplyResult, { status: 'conflict' }>> {
  const key = change.kind === 'insert' ? [] : change.key;
  const params = new Params();
  const where = keyWhere(info, key, params);
  const select = info.columns.map((c) => `left(t.${quoteIdent(c.name)}::text, ${currentCap})`);
  const { rows } = await tx.query<Cell[]>(`SELECT t.xmin::text, ${select.join(', ')} FROM ${info.qualified} AS t WHERE ${where}`, params.values, {
    rowMode: 'array',
  });
  const row = rows[0];
  if (!row) {
    return {
      status: 'conflict',
      index,
      reason: 'gone',
      message: 'The row no longer exists: it was deleted after you loaded it. Nothing was applied.',
      current: null,
      currentXmin: null,
      diff: [],
    };
  }
  const current = info.columns.map((c, i) => ({ column: c.name, value: (row[i + 1] ?? null) as Cell }));
  const staged = new Map(change.kind === 'update' ? change.values.map((v) => [v.column, v.value]) : []);
  const original = new Map(change.kind === 'update' ? (change.original ?? []).map((v) => [v.column, v.value]) : []);
  const diff: DiffEntry[] = [];
  for (const { column, value } of current) {
    const changedMeanwhile = original.has(column) && original.get(column) !== value;
    if (!staged.has(column) && !changedMeanwhile) continue;
    diff.push({
      column,
      ...(original.has(column) ? { original: original.get(column) ?? null } : {}),
      ...(staged.has(column) ? { staged: staged.get(column) ?? null } : {}),
      current: value,
    });
  }
  return {
    status: 'conflict',
    index,
    reason: 'changed',
    message: 'Someone else changed this row after you loaded it. Nothing was applied; review the current values.',
    current,
    currentXmin: String(row[0]),
    diff,
  };
}
