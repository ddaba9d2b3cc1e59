import type { CompareFilter, CompareResult, CompareSource, Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { Queryable } from '../../db/driver';
import { fail } from '../../db/errors';
import { qualified, quoteIdent } from '../../db/quote';
import { analyzeStatement, isRefusal } from '../console/sql-text';
import { readReceipt } from './receipt';
import type { RunContext } from '../../db/run-context';
import { serverMessageOf, sqlStateOf } from './run-as';

/** Rows fetched per identity to tell which ones differ; counts are always exact. */
export const COMPARE_KEY_CAP = 20_000;
const DIFF_CAP = 500;

interface Prepared {
  keyColumns: string[];
  columns: string[];
  countSql: string;
  keySql: string;
  params: unknown[];
  tables: (readonly [string, string])[];
  identifiers: string[];
}

/**
 * The same table (with filters) or the same read-only query under 2–4 identities, each in its
 * own isolated run that is rolled back: exact counts, and by key which rows only some
 * identities see. Keys are primary-key values for tables and the whole row for queries. The
 * call's run context is derived once per identity (its cancellation reaches every run).
 */
export async function compareIdentities(call: RunContext, source: CompareSource, identities: readonly (Impersonation | null)[]): Promise<CompareResult> {
  const prepared = await call.readAsLogin((q) => prepare(q, source, call.signal));
  const results: CompareResult['identities'] = [];
  const keySets: (Set<string> | null)[] = [];
  const keyValues = new Map<string, (string | null)[]>();
  for (const identity of identities) {
    try {
      // Isolated like the console (ISO-01): a query source is user SQL; READ ONLY, rolled back.
      const ctx = call.derive({ as: identity });
      const { value, notice } = await ctx.user({ commit: false }, async (q: Queryable) => {
        const c = await q.query<{ n: string | number }>(prepared.countSql, prepared.params, { signal: ctx.signal });
        const k = await q.query<unknown[]>(prepared.keySql, prepared.params, { signal: ctx.signal, rowMode: 'array' });
        const r = identity ? await readReceipt(q, { tables: prepared.tables, identifiers: prepared.identifiers }, ctx.signal) : undefined;
        return { count: Number(c.rows[0]?.n ?? 0), keys: k.rows, receipt: r };
      });
      const { count, keys, receipt } = value;
      const set = new Set<string>();
      for (const row of keys) {
        const values = row.map((v) => (v === null || v === undefined ? null : String(v)));
        const key = JSON.stringify(values);
        set.add(key);
        if (!keyValues.has(key)) keyValues.set(key, values);
      }
      keySets.push(set);
      results.push({ identity, count, ...(receipt ? { receipt } : {}), ...(notice ? { notice } : {}) });
    } catch (err) {
      keySets.push(null);
      results.push({ identity, count: null, error: { code: sqlStateOf(err), message: serverMessageOf(err) } });
    }
  }
  const differences: CompareResult['differences'] = [];
  let common = 0;
  let truncated = false;
  for (const [key, values] of keyValues) {
    const seenBy = keySets.map((s) => (s ? s.has(key) : false));
    if (seenBy.every(Boolean)) {
      common++;
      continue;
    }
    if (differences.length >= DIFF_CAP) {
      truncated = true;
      continue;
    }
    differences.push({ key: values, seenBy });
  }
  return {
    keyColumns: prepared.keyColumns,
    columns: prepared.columns,
    identities: results,
    differences,
    differencesTruncated: truncated || results.some((r) => r.count !== null && r.count > COMPARE_KEY_CAP),
    common,
  };
}

async function prepare(db: Queryable, source: CompareSource, signal?: AbortSignal): Promise<Prepared> {
  if (source.kind === 'query') {
    const analyzed = analyzeStatement(source.sql);
    if (isRefusal(analyzed)) fail('validation', analyzed.message);
    if (analyzed.kind !== 'read') fail('validation', 'Only a read-only query (SELECT, WITH … SELECT, TABLE, VALUES) can be compared.');
    return {
      keyColumns: ['row'],
      columns: ['row'],
      countSql: `select count(*) as n from (${analyzed.text}) as q`,
      keySql: `select row_to_json(q)::text from (${analyzed.text}) as q limit ${COMPARE_KEY_CAP}`,
      params: [],
      tables: [],
      identifiers: analyzed.identifiers,
    };
  }
  const cols = await db.query<{ name: string; pk: boolean }>(
    `select a.attname as name, coalesce(a.attnum = any(i.indkey::int2[]), false) as pk
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       left join pg_index i on i.indrelid = c.oid and i.indisprimary
      where n.nspname = $1 and c.relname = $2 and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [source.schema, source.table],
    { signal },
  );
  if (cols.rows.length === 0) fail('validation', `Table ${source.schema}.${source.table} does not exist.`);
  const names = cols.rows.map((c) => c.name);
  const pk = cols.rows.filter((c) => c.pk).map((c) => c.name);
  const keyColumns = pk.length > 0 ? pk : names;
  const params: unknown[] = [];
  const where = source.filters.map((f) => filterSql(f, names, params));
  const from = `${qualified(source.schema, source.table)}${where.length ? ` where ${where.join(' and ')}` : ''}`;
  return {
    keyColumns,
    columns: names,
    countSql: `select count(*) as n from ${from}`,
    keySql: `select ${keyColumns.map((c) => `${quoteIdent(c)}::text`).join(', ')} from ${from} order by ${keyColumns.map((_, i) => i + 1).join(', ')} limit ${COMPARE_KEY_CAP}`,
    params,
    tables: [[source.schema, source.table]],
    identifiers: [],
  };
}

const ops: Record<Exclude<CompareFilter['op'], 'is-null' | 'not-null'>, string> = {
  eq: '=',
  neq: '<>',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  like: 'like',
  ilike: 'ilike',
};

/** A filter on an allow-listed column with a bound value; text comparison keeps every type comparable. */
function filterSql(f: CompareFilter, columns: string[], params: unknown[]): string {
  if (!columns.includes(f.column)) fail('validation', `Unknown column "${f.column}".`);
  const col = `${quoteIdent(f.column)}::text`;
  if (f.op === 'is-null') return `${quoteIdent(f.column)} is null`;
  if (f.op === 'not-null') return `${quoteIdent(f.column)} is not null`;
  params.push(f.value ?? '');
  return `${col} ${ops[f.op]} $${params.length}`;
}
