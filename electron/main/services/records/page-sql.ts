import { escapeLike, type Filter, type Sort, textArrayLiteral } from '../../../../shared/records/filter';
import type { Cell } from '../../../../shared/ipc/contracts/records';
import { fail } from '../../db/errors';
import { quoteIdent } from '../../db/quote';
import { type ColumnInfo, mustColumn, type TableInfo } from './table-info';

// Pure SQL builders for the grid. Identifiers come only from `TableInfo` (the catalog) and are
// quoted by `quoteIdent`; every value is a bound parameter cast from text to the column's own
// type, so `5` compares as a number on an int column and as text on a text column.

export class Params {
  readonly values: Cell[] = [];
  /** `$n` for a new text parameter. */
  add(value: Cell): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  /** `$n::text::<type>`: bound as text (both drivers send text as-is), cast by the server. */
  typed(value: Cell, column: ColumnInfo | string): string {
    const castType = typeof column === 'string' ? column : column.castType;
    return `${this.add(value)}::text::${castType}`;
  }
}

/** The expression a column is selected, sorted and compared by (`t.ctid` stands in for a key). */
const col = (c: ColumnInfo) => `t.${quoteIdent(c.name)}`;

export interface KeyPart {
  expr: string;
  castType: string;
}

/** Primary key columns, or `ctid` for a table without one (browsable, never editable). */
export function keyParts(info: TableInfo): KeyPart[] {
  if (info.paging === 'offset') fail('validation', `${info.table} is a ${info.kind}: its rows have no key (no primary key, no ctid), so a single row cannot be addressed.`);
  if (info.primaryKey.length > 0) return info.primaryKey.map((c) => ({ expr: col(c), castType: c.castType }));
  return [{ expr: 't.ctid', castType: 'pg_catalog.tid' }];
}

export function whereForFilters(info: TableInfo, filters: readonly Filter[], params: Params): string[] {
  return filters.map((f) => filterSql(info, f, params));
}

function need(value: string | undefined, f: Filter): string {
  if (value === undefined) fail('validation', `The filter on ${f.column} needs a value.`);
  return value;
}

function filterSql(info: TableInfo, f: Filter, params: Params): string {
  const c = mustColumn(info, f.column);
  const e = col(c);
  // json has no equality or ordering operator: compare its text.
  const cmp = (op: string, value: string) =>
    c.typname === 'json' ? `${e}::text ${op} ${params.add(value)}` : `${e} ${op} ${params.typed(value, c)}`;
  switch (f.op) {
    case 'eq':
      return cmp('=', need(f.value, f));
    case 'neq':
      return `(${cmp('IS DISTINCT FROM', need(f.value, f))})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[f.op];
      return cmp(op, need(f.value, f));
    }
    case 'between':
      return `${e} BETWEEN ${params.typed(need(f.value, f), c)} AND ${params.typed(need(f.value2, f), c)}`;
    case 'contains':
      // ONE column, pattern escaped, value bound (P5: never ILIKE over every column cast to text).
      return `${e}::text ILIKE ${params.add(`%${escapeLike(need(f.value, f))}%`)}`;
    case 'isNull':
      return `${e} IS NULL`;
    case 'notNull':
      return `${e} IS NOT NULL`;
    case 'isTrue':
      return `${e} IS TRUE`;
    case 'isFalse':
      return `${e} IS FALSE`;
    case 'in': {
      const values = f.values ?? [];
      if (values.length === 0) return 'false';
      if (c.typname === 'json') return `${e}::text = ANY(${params.add(textArrayLiteral(values))}::text[])`;
      return `${e} = ANY(${params.add(textArrayLiteral(values))}::text::${c.castType}[])`;
    }
  }
}

export interface PageSqlOptions {
  sort?: Sort | undefined;
  filters: readonly Filter[];
  after?: readonly Cell[] | undefined;
  seek?: readonly string[] | undefined;
  limit: number;
  cellCap: number;
}

export interface PageSql {
  text: string;
  params: Cell[];
  /** Where each part sits in a result row. */
  layout: { keys: number; sortKey: boolean; cells: { index: number; sizeIndex: number | null }[] };
  sortColumn: ColumnInfo | null;
}

/**
 * The cell cap's parameter, added on first use only: a relation without a variable-length
 * column never uses it, and PostgreSQL refuses a parameter it cannot type (42P18).
 */
function capParam(params: Params, cellCap: number): () => string {
  let cap: string | undefined;
  return () => (cap ??= params.add(String(cellCap)));
}

/**
 * One page, keyset-paged: ORDER BY (sort column, key...) and a WHERE that starts after the last
 * row seen. PostgreSQL's default NULL placement (last when ascending, first when descending) is
 * kept so one btree index serves both directions.
 */
export function pageSql(info: TableInfo, options: PageSqlOptions): PageSql {
  if (info.paging === 'offset') return offsetPageSql(info, options);
  const params = new Params();
  const keys = keyParts(info);
  let sortColumn: ColumnInfo | null = null;
  if (options.sort) {
    sortColumn = mustColumn(info, options.sort.column);
    if (!sortColumn.sortable) fail('validation', `Column ${sortColumn.name} (${sortColumn.type}) cannot be sorted.`);
    // Sorting by the single-column key is the same as keyset on the key alone.
    if (keys.length === 1 && info.primaryKey[0]?.name === sortColumn.name) sortColumn = null;
  }
  const desc = options.sort?.direction === 'desc';
  const cap = capParam(params, options.cellCap);

  const select: string[] = keys.map((k) => `${k.expr}::text`);
  // A sorted page of a keyed table reads xmin from its rows joined back by key (see below).
  const joinBack = sortColumn !== null && info.primaryKey.length > 0;
  select.push(joinBack ? 'r.xmin::text' : 't.xmin::text');
  if (sortColumn) select.push(`${col(sortColumn)}::text`);
  const cells: PageSql['layout']['cells'] = [];
  for (const c of info.columns) {
    const e = `${col(c)}::text`;
    if (c.varlena) {
      select.push(`left(${e}, ${cap()}::int)`);
      select.push(`CASE WHEN char_length(${e}) > ${cap()}::int THEN octet_length(${e}) END`);
      cells.push({ index: select.length - 2, sizeIndex: select.length - 1 });
    } else {
      select.push(e);
      cells.push({ index: select.length - 1, sizeIndex: null });
    }
  }

  const where = whereForFilters(info, options.filters, params);
  const keyTuple = `(${keys.map((k) => k.expr).join(', ')})`;
  const keyValues = (values: readonly Cell[]) => {
    if (values.length !== keys.length || values.some((v) => v === null)) fail('validation', 'The key does not match the table.');
    return `(${values.map((v, i) => params.typed(v, keys[i]!.castType)).join(', ')})`;
  };
  const gt = desc ? '<' : '>';
  if (options.seek) {
    if (sortColumn) fail('validation', 'Go to key works in key order; clear the sort first.');
    where.push(`${keyTuple} ${gt}= ${keyValues(options.seek)}`);
  } else if (options.after) {
    if (!sortColumn) {
      where.push(`${keyTuple} ${gt} ${keyValues(options.after)}`);
    } else {
      const [sortValue, ...keyCursor] = options.after;
      const s = col(sortColumn);
      const afterKey = `${keyTuple} ${gt} ${keyValues(keyCursor)}`;
      if (sortValue === null || sortValue === undefined) {
        // In the NULL block: last when ascending (only NULLs follow), first when descending.
        where.push(desc ? `((${s} IS NULL AND ${afterKey}) OR ${s} IS NOT NULL)` : `(${s} IS NULL AND ${afterKey})`);
      } else if (sortColumn.notNull) {
        // Row comparison: one index range scan on (sort column, key).
        where.push(`(${s}, ${keys.map((k) => k.expr).join(', ')}) ${gt} (${params.typed(sortValue, sortColumn)}, ${keyCursor.map((v, i) => params.typed(v, keys[i]!.castType)).join(', ')})`);
      } else {
        const v = params.typed(sortValue, sortColumn);
        const beyond = `${s} ${gt} ${v} OR (${s} = ${v} AND ${afterKey})`;
        where.push(desc ? `(${beyond})` : `(${beyond} OR ${s} IS NULL)`);
      }
    }
  }

  const dir = desc ? ' DESC' : '';
  const order = [...(sortColumn ? [col(sortColumn)] : []), ...keys.map((k) => k.expr)].map((e) => e + dir).join(', ');
  const filtered = `FROM ${info.qualified} AS t` + (where.length ? ` WHERE ${where.join(' AND ')}` : '');
  const limit = `LIMIT ${params.add(String(options.limit))}::int`;
  // PostgreSQL computes the select list below a Sort node: sorting 1M rows by a non-key column
  // would cast and cap every column of every row (P4 measured 10x raw). So the display values
  // are computed for the page's rows alone, above the sort.
  const text = !sortColumn
    ? `SELECT ${select.join(', ')} ${filtered} ORDER BY ${order} ${limit}`
    : joinBack
      ? // The sort runs on `SELECT *`, exactly the raw query's plan: the scan hands heap tuples
        // to the top-N sort unprojected (picking any column subset, or xmin, makes every one of
        // the 1M rows be projected: P4 measured 1.5-1.9x raw). xmin (a system column cannot
        // pass through `*`) comes from the 100 rows joined back by primary key (index probes).
        `SELECT ${select.join(', ')} FROM (SELECT * ${filtered} ORDER BY ${order} ${limit}) AS t JOIN ${info.qualified} AS r ON ${pkJoin(info)} ORDER BY ${order}`
      : `SELECT ${select.join(', ')} FROM ${info.qualified} AS t WHERE ${keyTuple} IN (SELECT ${keys.map((k) => k.expr).join(', ')} ${filtered} ORDER BY ${order} ${limit}) ORDER BY ${order}`;
  return { text, params: params.values, layout: { keys: keys.length, sortKey: sortColumn !== null, cells }, sortColumn };
}

/** `(r.pk...) = (t.pk...)`: joins the sorted page (alias t) back to its own rows (alias r). */
function pkJoin(info: TableInfo): string {
  const names = info.primaryKey.map((c) => quoteIdent(c.name));
  return `(${names.map((n) => `r.${n}`).join(', ')}) = (${names.map((n) => `t.${n}`).join(', ')})`;
}

/** The filtered view without paging, for counts, estimates and exports. */
export function viewWhere(info: TableInfo, filters: readonly Filter[], params: Params): string {
  const where = whereForFilters(info, filters, params);
  return where.length ? ` WHERE ${where.join(' AND ')}` : '';
}

/**
 * A view (or foreign table) has no primary key and no ctid: pages are read by position, OFFSET
 * over a deterministic order (the sort column, then every sortable column in order). Slower on
 * deep pages and rows may shift if the data changes between pages; the grid says so. The row's
 * "key" is its position (text), the cursor the last position read.
 */
function offsetPageSql(info: TableInfo, options: PageSqlOptions): PageSql {
  if (options.seek) fail('validation', 'Go to key needs a key; this relation has none.');
  const params = new Params();
  let offset = 0;
  if (options.after) {
    const last = options.after.at(-1);
    if (options.after.length !== 1 || last === null || last === undefined || !/^\d{1,12}$/.test(last)) fail('validation', 'The page cursor does not match this view.');
    offset = Number(last);
  }
  const sortColumn = options.sort ? mustColumn(info, options.sort.column) : null;
  if (sortColumn && !sortColumn.sortable) fail('validation', `Column ${sortColumn.name} (${sortColumn.type}) cannot be sorted.`);
  const dir = options.sort?.direction === 'desc' ? ' DESC' : '';
  const orderColumns = [...(sortColumn ? [sortColumn] : []), ...info.columns.filter((c) => c.sortable && c !== sortColumn)];
  const order = orderColumns.length ? ` ORDER BY ${orderColumns.map((c) => col(c) + dir).join(', ')}` : '';
  const cap = capParam(params, options.cellCap);
  const select: string[] = [`(${params.add(String(offset))}::bigint + row_number() OVER ())::text`, 'NULL::text'];
  const cells: PageSql['layout']['cells'] = [];
  for (const c of info.columns) {
    const e = `${col(c)}::text`;
    if (c.varlena) {
      select.push(`left(${e}, ${cap()}::int)`, `CASE WHEN char_length(${e}) > ${cap()}::int THEN octet_length(${e}) END`);
      cells.push({ index: select.length - 2, sizeIndex: select.length - 1 });
    } else {
      select.push(e);
      cells.push({ index: select.length - 1, sizeIndex: null });
    }
  }
  const where = viewWhere(info, options.filters, params);
  const inner = `SELECT * FROM ${info.qualified} AS t${where}${order} OFFSET ${params.add(String(offset))}::bigint LIMIT ${params.add(String(options.limit))}::int`;
  return { text: `SELECT ${select.join(', ')} FROM (${inner}) AS t`, params: params.values, layout: { keys: 1, sortKey: false, cells }, sortColumn };
}
