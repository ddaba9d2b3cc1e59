import type { Explanation, ExprValue } from '../../../../shared/ipc/contracts/explain';
import type { Queryable } from '../../db/driver';
import { quoteIdent } from '../../db/quote';
import { serverMessageOf, sqlStateOf } from '../impersonation/run-as';
import { type CatalogFacts, keyPredicate, tableName } from './catalog';
import { evaluationKey } from './stages';

/** Runs `fn` inside a savepoint, so one failing expression does not abort the others. */
async function guarded<T>(q: Queryable, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  await q.query('savepoint warden_why');
  try {
    const value = await fn();
    await q.query('release savepoint warden_why');
    return { ok: true, value };
  } catch (error) {
    await q.query('rollback to savepoint warden_why');
    return { ok: false, error };
  }
}

/**
 * The new row of an INSERT: the proposed values over the column defaults, the defaults
 * evaluated as the identity (PostgreSQL evaluates them as the current user: a default of
 * auth.uid() is the identity's id). A default that cannot run here (nextval in a read-only
 * transaction) is left NULL, and said so. Generated columns and BEFORE triggers are not modelled.
 */
export async function insertRow(q: Queryable, facts: CatalogFacts, overrides: string): Promise<{ row: string; notes: string[] }> {
  const given = new Set(Object.keys(JSON.parse(overrides) as Record<string, unknown>));
  const names: string[] = [];
  const texts: string[] = [];
  const notes: string[] = [];
  for (const c of facts.columns) {
    if (given.has(c.name) || c.default === null || c.generated) continue;
    const r = await guarded(q, () => q.query<{ v: string | null }>(`select to_jsonb((${c.default})::${c.type})::text as v`));
    if (r.ok) {
      names.push(c.name);
      texts.push(r.value.rows[0]?.v ?? 'null');
    } else notes.push(`default of ${c.name} not evaluated: ${serverMessageOf(r.error)}`);
  }
  const row = await q.query<{ r: string }>(
    `select (coalesce(jsonb_object_agg(k, v::jsonb), '{}'::jsonb) || $3::jsonb)::text as r from unnest($1::text[], $2::text[]) as u(k, v)`,
    [names, texts, overrides],
  );
  return { row: row.rows[0]?.r ?? overrides, notes };
}

/** The new row of an UPDATE: the existing row with the proposed values applied. */
export async function updatedRow(q: Queryable, existing: string, overrides: string): Promise<string> {
  const r = await q.query<{ r: string }>(`select ($1::jsonb || $2::jsonb)::text as r`, [existing, overrides]);
  return r.rows[0]?.r ?? existing;
}

/**
 * The value of one policy expression for one row version, for the identity this session runs as.
 * Why this is exact: the expression is PostgreSQL's own deparsed text (pg_get_expr), evaluated as
 * the identity (role, claims, EXECUTE rights, and RLS on any table its subqueries read) over a
 * FROM item aliased as the table whose columns are the row's values, typed as the table's row
 * type by jsonb_populate_record. The FROM item is not the table, so the table's own policies do
 * not filter the row being explained; whole-row references keep the table's type. Evaluated in
 * a savepoint: an error is a value ("error"), as PostgreSQL would fail the statement with it.
 */
export async function evaluateExpression(q: Queryable, facts: CatalogFacts, expression: string, row: string): Promise<ExprValue> {
  const alias = quoteIdent(facts.table.table);
  const r = await guarded(q, () =>
    q.query<{ v: string | null }>(`select (${expression})::text as v from jsonb_populate_record(null::${tableName(facts)}, $1::jsonb) as ${alias}`, [row]),
  );
  if (!r.ok) return { value: 'error', code: sqlStateOf(r.error) ?? 'unknown', message: serverMessageOf(r.error) };
  const v = r.value.rows[0]?.v ?? null;
  return { value: v === null ? 'null' : v === 'true' ? 'true' : 'false' };
}

/** Evaluates each distinct (row version, expression) once. */
export async function evaluateAll(
  q: Queryable,
  facts: CatalogFacts,
  wanted: readonly { row: 'existing' | 'new'; expression: string }[],
  rows: { existing: string | null; new: string | null },
): Promise<Map<string, ExprValue>> {
  const values = new Map<string, ExprValue>();
  for (const w of wanted) {
    const key = evaluationKey(w.row, w.expression);
    const row = rows[w.row];
    if (values.has(key) || row === null) continue;
    values.set(key, await evaluateExpression(q, facts, w.expression, row));
  }
  return values;
}

/**
 * What PostgreSQL itself does for the identity's SELECT of that row (or of any row): run as
 * the identity, on the real table. This is the ground truth the verdict is shown beside.
 */
export async function observeSelect(q: Queryable, facts: CatalogFacts, key: readonly string[] | undefined): Promise<NonNullable<Explanation['observed']>> {
  const alias = quoteIdent('t');
  const sql = key
    ? `select count(*)::int as n from only ${tableName(facts)} as ${alias} where ${keyPredicate(facts, key, 1, alias)}`
    : `select count(*)::int as n from (select 1 from only ${tableName(facts)} limit 1) as x`;
  const r = await guarded(q, () => q.query<{ n: number }>(sql, key ? [...key] : []));
  if (r.ok) return { outcome: Number(r.value.rows[0]?.n ?? 0) > 0 ? 'visible' : 'hidden' };
  const code = sqlStateOf(r.error);
  return { outcome: code === '42501' ? 'no-grant' : 'error', message: serverMessageOf(r.error) };
}
