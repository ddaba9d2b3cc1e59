import type { Filter } from '../../../../shared/records/filter';
import type { Cell, Page, PageInput, TableMeta } from '../../../../shared/ipc/contracts/records';
import type { Queryable } from '../../db/driver';
import { fail } from '../../db/errors';
import { quoteIdent } from '../../db/quote';
import { keyParts, pageSql, Params, viewWhere } from './page-sql';
import { mustColumn, type TableInfo } from './table-info';
import { drizzleColumns } from '../../../../shared/records/zod-check';
import { hasZod } from './zod-tables';

type PageOptions = Omit<Required<Pick<PageInput, 'limit' | 'cellCap'>>, never> &
  Pick<PageInput, 'sort' | 'after' | 'seek'> & { filters: Filter[] };

export function describeTable(info: TableInfo, readOnlyConnection: boolean): TableMeta {
  const singleFk = new Map<string, { schema: string; table: string; column: string }>();
  for (const fk of info.foreignKeys) {
    if (fk.columns.length === 1) singleFk.set(fk.columns[0]!, { schema: fk.refSchema, table: fk.refTable, column: fk.refColumns[0]! });
  }
  const pk = new Set(info.primaryKey.map((c) => c.name));
  const drizzle = hasZod(info) ? drizzleColumns(info.table) : undefined;
  const readOnlyReason =
    info.kind === 'view' || info.kind === 'matview' || info.kind === 'foreign'
      ? `This is a ${info.kind === 'matview' ? 'materialized view' : info.kind === 'foreign' ? 'foreign table' : 'view'}: browsed read-only.`
      : info.primaryKey.length === 0
      ? 'This table has no primary key, so a row cannot be identified safely: it is read-only.'
      : readOnlyConnection
        ? 'Writes are locked on this production connection until you unlock them.'
        : undefined;
  const ref = (f: TableInfo['foreignKeys'][number]) => ({
    constraint: f.constraint,
    schema: f.schema,
    table: f.table,
    columns: f.columns,
    refColumns: f.refColumns,
  });
  return {
    schema: info.schema,
    table: info.table,
    domain: info.domain,
    kind: info.kind,
    paging: info.paging,
    view: info.view,
    columns: info.columns.map((c) => ({
      name: c.name,
      type: c.type,
      kind: c.kind,
      nullable: !c.notNull,
      hasDefault: c.hasDefault,
      appDefault: drizzle?.get(c.name)?.column.defaultFn !== undefined,
      readOnly: c.generated !== '' || c.identity === 'a',
      primaryKey: pk.has(c.name),
      sortable: c.sortable,
      ...(c.enumValues ? { enumValues: c.enumValues } : {}),
      ...(singleFk.has(c.name) ? { references: singleFk.get(c.name)! } : {}),
    })),
    primaryKey: info.primaryKey.map((c) => c.name),
    ...(readOnlyReason ? { readOnlyReason } : {}),
    estimatedRows: info.estimatedRows,
    foreignKeys: info.foreignKeys.map(ref),
    referencedBy: info.referencedBy.map(ref),
    zod: hasZod(info),
  };
}

/** One keyset page in array mode: only the requested window, every cell text or capped text. */
export async function readPage(db: Queryable, info: TableInfo, options: PageOptions, signal?: AbortSignal): Promise<Page> {
  const built = pageSql(info, options);
  const first = !options.after && !options.seek;
  // Unfiltered pages have one SQL text per table and sort: prepared once per connection (P1/P2).
  const prepare = !options.filters?.length;
  const pageQuery = db.query<Cell[]>(built.text, built.params, { signal, rowMode: 'array', prepare });
  // The estimate never blocks rows (P3): it is sent right behind the page on the same
  // transaction (pipelined), and only on a first page.
  const estimateQuery = first ? estimateRows(db, info, options.filters, signal) : Promise.resolve(undefined);
  const [result, estimate] = await Promise.all([pageQuery, estimateQuery]);
  const { layout } = built;
  const rows: Cell[][] = [];
  const keys: string[][] = [];
  const xmins: string[] = [];
  const truncated: [number, number, number][] = [];
  result.rows.forEach((raw, r) => {
    keys.push(raw.slice(0, layout.keys).map(String));
    xmins.push(String(raw[layout.keys]));
    rows.push(
      layout.cells.map((cell, c) => {
        if (cell.sizeIndex !== null && raw[cell.sizeIndex] !== null && raw[cell.sizeIndex] !== undefined) {
          truncated.push([r, c, Number(raw[cell.sizeIndex])]);
        }
        const value = raw[cell.index];
        return value === null || value === undefined ? null : String(value);
      }),
    );
  });
  let nextCursor: Cell[] | null = null;
  const last = result.rows.at(-1);
  if (last && result.rows.length === options.limit) {
    const keyValues = last.slice(0, layout.keys).map((v) => (v === null ? null : String(v)));
    nextCursor = layout.sortKey ? [last[layout.keys + 1] === null ? null : String(last[layout.keys + 1]), ...keyValues] : keyValues;
  }
  return {
    columns: info.columns.map((c) => c.name),
    rows,
    keys,
    xmins,
    truncated,
    nextCursor,
    ...(estimate !== undefined ? { estimate } : {}),
  };
}

/** The planner's row estimate for the filtered view: instant, never a count (P3). */
export async function estimateRows(db: Queryable, info: TableInfo, filters: Filter[], signal?: AbortSignal): Promise<number | null> {
  const params = new Params();
  const where = viewWhere(info, filters, params);
  const { rows } = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${info.qualified} AS t${where}`, params.values, {
    signal,
  });
  let plan = rows[0]?.['QUERY PLAN'];
  if (typeof plan === 'string') plan = JSON.parse(plan);
  const planRows = (plan as { Plan?: { 'Plan Rows'?: number } }[] | undefined)?.[0]?.Plan?.['Plan Rows'];
  return typeof planRows === 'number' ? planRows : null;
}

/**
 * Exact count on request only, under a statement timeout, cancellable (P3). Runs inside the
 * caller's transaction (the run context's read): the timeout is transaction-local.
 */
export async function exactCount(q: Queryable, info: TableInfo, filters: Filter[], timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const params = new Params();
  const where = viewWhere(info, filters, params);
  await q.query(`select set_config('statement_timeout', $1, true)`, [String(timeoutMs)], { signal });
  const { rows } = await q.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${info.qualified} AS t${where}`, params.values, { signal });
  return String(rows[0]?.count ?? '0');
}

/** WHERE clause selecting one row by its key (primary key, or ctid on a key-less table). */
export function keyWhere(info: TableInfo, key: readonly string[], params: Params): string {
  const keys = keyParts(info);
  if (key.length !== keys.length) fail('validation', 'The key does not match the table.');
  return keys.map((k, i) => `${k.expr} = ${params.typed(key[i]!, k.castType)}`).join(' AND ');
}

/** One value in full (or one chunk of a huge one), by characters. */
export async function readValue(
  db: Queryable,
  info: TableInfo,
  key: readonly string[],
  column: string,
  offset: number,
  length: number,
  signal?: AbortSignal,
): Promise<{ value: Cell; offset: number; chars: number; bytes: number }> {
  const c = mustColumn(info, column);
  const params = new Params();
  const e = `t.${quoteIdent(c.name)}::text`;
  const where = keyWhere(info, key, params);
  const { rows } = await db.query<Cell[]>(
    `SELECT substr(${e}, ${params.add(String(offset + 1))}::int, ${params.add(String(length))}::int), char_length(${e}), octet_length(${e}) FROM ${info.qualified} AS t WHERE ${where}`,
    params.values,
    { signal, rowMode: 'array' },
  );
  const row = rows[0];
  if (!row) fail('conflict', 'The row no longer exists.');
  return { value: row[0] ?? null, offset, chars: Number(row[1] ?? 0), bytes: Number(row[2] ?? 0) };
}

/** Rows of other tables that point at this row, per foreign key, counted up to a cap. */
export async function readReferences(
  db: Queryable,
  info: TableInfo,
  key: readonly string[],
  lookup: (schema: string, table: string) => Promise<TableInfo>,
  signal?: AbortSignal,
) {
  const out = [];
  const cap = 1000;
  for (const fk of info.referencedBy) {
    const params = new Params();
    const where = keyWhere(info, key, params);
    const refCols = fk.refColumns.map((n) => mustColumn(info, n));
    const { rows } = await db.query<Cell[]>(
      `SELECT ${refCols.map((c) => `t.${quoteIdent(c.name)}::text`).join(', ')} FROM ${info.qualified} AS t WHERE ${where}`,
      params.values,
      { signal, rowMode: 'array' },
    );
    const values = rows[0];
    if (!values) fail('conflict', 'The row no longer exists.');
    let count = 0;
    if (values.every((v) => v !== null)) {
      const child = await lookup(fk.schema, fk.table);
      const p = new Params();
      const cond = fk.columns.map((n, i) => `t.${quoteIdent(mustColumn(child, n).name)} = ${p.typed(values[i]!, mustColumn(child, n))}`).join(' AND ');
      const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${child.qualified} AS t WHERE ${cond} LIMIT ${cap + 1}) s`, p.values, {
        signal,
      });
      count = Number(r.rows[0]?.n ?? 0);
    }
    out.push({
      constraint: fk.constraint,
      schema: fk.schema,
      table: fk.table,
      columns: fk.columns,
      refColumns: fk.refColumns,
      count: Math.min(count, cap),
      capped: count > cap,
      values,
    });
  }
  return out;
}
